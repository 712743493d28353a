/*
 * Times in the browser's time zone. The server writes every instant as <time class="ses-time" datetime="...Z">
 * with the UTC text (WEB-INF/tags/time.xhtml); this shows it in one format everywhere, in the local zone, with
 * how long ago (or how soon) it is, and keeps the UTC instant in the title for hovering. Lists and run pages
 * are updated by AJAX and pushes, so new elements are found as they arrive; relative times are refreshed
 * every 30 seconds.
 */
var sesTime = (function () {
    var parts = new Intl.DateTimeFormat(undefined, {
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        hourCycle: 'h23', timeZoneName: 'short'
    });
    var relative = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
    var STEPS = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];

    /** 2026-12-06 12:40:05 EST: the same order on every page, whatever the browser's language. */
    function local(date) {
        var p = {};
        parts.formatToParts(date).forEach(function (part) {
            p[part.type] = part.value;
        });
        return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second
            + (p.timeZoneName ? ' ' + p.timeZoneName : '');
    }

    /** "3 minutes ago", "in 2 hours", "now". */
    function ago(date, now) {
        var amount = (date.getTime() - now) / 1000;
        if (Math.abs(amount) < 5) {
            return relative.format(0, 'second');
        }
        for (var i = 0; i < STEPS.length; i++) {
            if (Math.abs(amount) < STEPS[i][0]) {
                return relative.format(Math.round(amount), STEPS[i][1]);
            }
            amount /= STEPS[i][0];
        }
        return '';
    }

    function part(text) {
        var span = document.createElement('span');
        span.textContent = text;
        return span;
    }

    function show(element, now) {
        var date = new Date(element.getAttribute('datetime'));
        if (isNaN(date.getTime())) {
            return;
        }
        // the date, then the time with its zone: a narrow column breaks the line between them, nowhere else
        var text = local(date);
        var cut = text.indexOf(' ');
        var absolute = document.createElement('span');
        absolute.className = 'ses-time-local';
        absolute.append(part(text.substring(0, cut)), ' ', part(text.substring(cut + 1)));
        var since = document.createElement('span');
        since.className = 'ses-time-ago';
        since.textContent = ago(date, now);
        element.replaceChildren(absolute, ' ', since);
    }

    function showAll(root) {
        var now = Date.now();
        (root || document).querySelectorAll('time.ses-time').forEach(function (element) {
            show(element, now);
        });
    }

    function start() {
        showAll(document);
        new MutationObserver(function (changes) {
            changes.forEach(function (change) {
                change.addedNodes.forEach(function (node) {
                    if (node.nodeType !== 1) {
                        return;
                    }
                    if (node.matches('time.ses-time')) {
                        show(node, Date.now());
                    } else {
                        showAll(node);
                    }
                });
            });
        }).observe(document.body, {childList: true, subtree: true});
        setInterval(showAll, 30000);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
    return {local: local, ago: ago};
})();
