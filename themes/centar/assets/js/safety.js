// The reader's safety, as GOV.UK's "Exit this page" and more:
// - the quick exit: its button, or Shift pressed and released on its own
//   three times within 5 seconds, hides the page at once and replaces it
//   with a neutral site;
// - a visit is one history entry: moving between the site's own pages
//   replaces the current entry, so after the exit Back goes to wherever the
//   reader was before the site, not to the page they were reading;
// - the contents of a page are never hidden under the sticky help and exit row.
// Without JavaScript the button is a plain link and links work as usual.
(function () {
  'use strict';
  var root = document.documentElement;
  var buttons = document.querySelectorAll('[data-quick-exit]');
  if (!buttons.length) return;
  var target = buttons[0].href;

  function exit(event) {
    if (event) event.preventDefault();
    root.classList.add('is-exiting');
    document.title = '…';
    window.location.replace(target);
  }

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', exit);
    buttons[i].setAttribute('data-quick-exit-init', '');
  }

  // Shift counts only when pressed and released with no other key: Shift+Tab
  // (moving back through links) and capital letters are typing, and any key
  // other than Shift starts the count again.
  var presses = [];
  var shiftAlone = false;
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Shift') {
      if (!event.repeat) shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey);
      return;
    }
    shiftAlone = false;
    presses = [];
  }, true);
  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift') return;
    if (!shiftAlone) {
      presses = [];
      return;
    }
    shiftAlone = false;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) exit();
  }, true);

  // A page restored from the back-forward cache stays hidden.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && root.classList.contains('is-exiting')) {
      window.location.replace(target);
    }
  });

  // One entry per visit: a link to this site, followed in this tab, replaces
  // the entry. A link opened in a new tab or window, or a download, is the
  // browser's own business.
  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || link.hasAttribute('download') ||
        (link.target && link.target !== '_self') ||
        link.origin !== window.location.origin) return;
    event.preventDefault();
    window.location.replace(link.href);
  });

  // The help and exit row is sticky; its height changes with the text size
  // and the width of the screen. A heading reached by a contents link stops
  // below it.
  var bar = document.querySelector('.c-bar');
  function clearBar() {
    root.style.scrollPaddingTop = (bar.getBoundingClientRect().height + 8) + 'px';
  }
  if (bar && window.ResizeObserver) new ResizeObserver(clearBar).observe(bar);
})();
