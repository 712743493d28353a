/*
 * The run list and the run page.
 *
 * A row of the run list opens its run: the row's first cell holds the real link (a keyboard reaches it, a
 * screen reader names it, a middle click opens a tab), and a click anywhere else in the row follows it, except
 * on the row's own links and buttons, and when the click ended selecting text. The table is re-rendered by
 * AJAX and pushes, so one listener on the document serves every row that ever appears.
 *
 * A running run shows how long it has been running, counted here from the instant it started (an element
 * with data-ses-elapsed-since, in epoch milliseconds, written by the server); it is found again every second,
 * so a part the server re-rendered keeps counting.
 */
var sesRuns = (function () {
    var CONTROLS = 'a, button, input, select, textarea, label, [role="button"], [role="combobox"], .ui-selectonemenu';

    function openRow(event) {
        if (event.defaultPrevented || event.button !== 0 || event.target.closest(CONTROLS)) {
            return;
        }
        var row = event.target.closest('tr');
        var link = row && row.querySelector('a.ses-row-link');
        if (!link || String(window.getSelection ? window.getSelection() : '').length > 0) {
            return;
        }
        if (event.ctrlKey || event.metaKey || event.shiftKey) {
            window.open(link.href, '_blank', 'noopener');
        } else {
            window.location.assign(link.href);
        }
    }

    /** 4 s, 2 min 05 s, 1 h 02 min: the units Duration uses elsewhere on the dashboard. */
    function elapsed(millis) {
        var seconds = Math.floor(millis / 1000);
        var two = function (n) {
            return (n < 10 ? '0' : '') + n;
        };
        if (seconds < 60) {
            return seconds + ' s';
        }
        if (seconds < 3600) {
            return Math.floor(seconds / 60) + ' min ' + two(seconds % 60) + ' s';
        }
        return Math.floor(seconds / 3600) + ' h ' + two(Math.floor(seconds / 60) % 60) + ' min';
    }

    function tick() {
        var now = Date.now();
        document.querySelectorAll('[data-ses-elapsed-since]').forEach(function (element) {
            var since = parseInt(element.getAttribute('data-ses-elapsed-since'), 10);
            if (!isNaN(since)) {
                element.textContent = 'running for ' + elapsed(Math.max(0, now - since));
            }
        });
    }

    document.addEventListener('click', openRow);
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', tick);
    } else {
        tick();
    }
    setInterval(tick, 1000);
    return {elapsed: elapsed};
})();
