// The verifier page's service worker: it keeps the site's own files, so that once opened the page works with no
// network. It caches nothing else and sends nothing but the requests that fetch those files on installation.
"use strict";

// trust.js names the site's version (a digest of every file) and its files. A new site, or a new trust list,
// is a new trust.js, which the browser's update check of this worker compares byte for byte.
importScripts("trust.js");
const SITE = self.VILLAGEQR_SITE;
const CACHE = "villageqr-verifier-" + SITE.version;

self.addEventListener("install", (event) => {
    event.waitUntil(
        (async () => {
            const cache = await caches.open(CACHE);
            await cache.addAll(SITE.files.map((name) => new Request(name, { cache: "reload" })));
            await self.skipWaiting();
        })(),
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        (async () => {
            for (const name of await caches.keys()) {
                if (name.startsWith("villageqr-verifier-") && name !== CACHE) await caches.delete(name);
            }
            await self.clients.claim();
        })(),
    );
});

self.addEventListener("fetch", (event) => {
    if (new URL(event.request.url).origin !== self.location.origin) return;
    event.respondWith(
        (async () => {
            const cache = await caches.open(CACHE);
            // The page at any address in the site's scope (the fragment never reaches here) is index.html.
            const key = event.request.mode === "navigate" ? "index.html" : event.request;
            return (await cache.match(key, { ignoreSearch: true })) || fetch(event.request);
        })(),
    );
});
