// The admin's service worker. At its install it puts Decap's script, whose
// address names its content, in the Cache Storage, where Chromium keeps the
// script compiled as well: a later visit starts Decap from that, without
// compiling 5 MB again (the HTTP cache alone keeps compiled code only from
// a script's third load). Every other request goes to the server as if
// there were no worker. centar cms fills in the script's version below.
'use strict';
var version = 'DECAP_VERSION';
var script = new URL('decap-cms.js?v=' + version, self.registration.scope).href;
var cacheName = 'centar-admin-' + version;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(cacheName).then(function (cache) {
    return cache.add(script);
  }).then(function () {
    return self.skipWaiting();
  }));
});

// A new version of Decap replaces the old one's cache.
self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf('centar-admin-') === 0 && name !== cacheName;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  if (event.request.method !== 'GET' || event.request.url !== script) return;
  event.respondWith(caches.match(script).then(function (cached) {
    return cached || fetch(event.request);
  }));
});
