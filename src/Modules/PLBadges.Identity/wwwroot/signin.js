// The sign-in page, once it knows the person's district provider, goes on to it by itself. A link, not a
// form's redirect: the site's Content Security Policy (form-action 'self') stops a form whose answer
// redirects to another site, and the provider is one. Without JavaScript the person follows the link.
(function () {
  "use strict";
  var link = document.querySelector("a[data-continue]");
  if (link) {
    window.location.assign(link.href);
  }
})();
