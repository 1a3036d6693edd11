// Decap's script is only compiled here (warm.html), never started.
window.CMS_MANUAL_INIT = true;
