// Quick exit, as GOV.UK's "Exit this page": the button, or Shift pressed three
// times within 5 seconds, hides the page at once and replaces it with a
// neutral site, so Back does not return here. Without JavaScript the button is
// a plain link to the same site.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('[data-quick-exit]');
  if (!buttons.length) return;
  var target = buttons[0].href;

  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add('is-exiting');
    document.title = '…';
    window.location.replace(target);
  }

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', exit);
    buttons[i].setAttribute('data-quick-exit-init', '');
  }

  var presses = [];
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift' || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) exit();
  });

  // A page restored from the back-forward cache stays hidden.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && document.documentElement.classList.contains('is-exiting')) {
      window.location.replace(target);
    }
  });
})();
