/*
 * The API docs page: Swagger UI on the server's OpenAPI document. Its calls carry the bearer token the page was
 * given for the person logged in (data-token), put into Swagger UI's Authorize; the API never takes the
 * dashboard's cookie, so none is sent.
 */
(function () {
    function start() {
        var holder = document.getElementById('swagger-ui');
        var token = holder.dataset.token;
        holder.removeAttribute('data-token');
        window.ui = SwaggerUIBundle({
            url: holder.dataset.openapi,
            dom_id: '#swagger-ui',
            // deep links make each operation's path a link inside its expand button, which keyboards and
            // screen readers cannot reach as such (axe-core: nested-interactive)
            deepLinking: false,
            persistAuthorization: false,
            // as if the person had pasted the token into Authorize: the locks show it, and Logout there drops it
            onComplete: function () {
                if (token) {
                    window.ui.preauthorizeApiKey('bearer', token);
                }
            },
            requestInterceptor: function (request) {
                request.credentials = 'omit';
                return request;
            }
        });
    }

    /*
     * What Swagger UI draws without a name or a way in: the dialog's close button; buttons whose name leaves out
     * the word they show ("Logout" named "Remove authorization": speech control users say what they see); and the
     * boxes of code that scroll (a keyboard reaches them to scroll them).
     */
    function fix(root) {
        root.querySelectorAll('button.close-modal:not([aria-label])').forEach(function (button) {
            button.setAttribute('aria-label', 'Close');
        });
        root.querySelectorAll('button[aria-label]').forEach(function (button) {
            var shown = button.textContent.trim();
            var name = button.getAttribute('aria-label');
            if (shown && name.toLowerCase().indexOf(shown.toLowerCase()) < 0) {
                button.setAttribute('aria-label', shown + ': ' + name.toLowerCase());
            }
        });
        root.querySelectorAll('pre.microlight:not([tabindex]), pre.curl:not([tabindex]), .curl-command pre:not([tabindex])')
            .forEach(function (box) {
                box.setAttribute('tabindex', '0');
            });
    }

    function watch() {
        var holder = document.getElementById('swagger-ui');
        new MutationObserver(function () {
            fix(holder);
        }).observe(holder, {childList: true, subtree: true});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () {
            watch();
            start();
        });
    } else {
        watch();
        start();
    }
})();
