// The page left at a renamed item's old address (theme/templates/moved.html).
// Its refresh takes the browser on to the new address, but without the old
// address's #part, so a cited link to one commitment
// (/policies/homes-for-everyone/#commitment-3) would land at the top of the
// page. This goes on first, with the #part. (A module runs before the page's
// load, which is when browsers start the refresh; without JavaScript the
// refresh still goes on.)
const refresh = document.querySelector('meta[http-equiv="refresh"]');
const target = refresh && /;\s*url=(.+)$/i.exec(refresh.content);
if (target && location.hash) {
  const address = new URL(target[1], location.href);
  address.hash = location.hash;
  location.replace(address.href);
}
