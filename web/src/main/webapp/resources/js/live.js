/* Live updates from the server's 'runs' WebSocket channel (OmniFaces o:socket). */
var sesLive = {
    runId: null,
    shown: 0,
    opened: false,
    probing: false,
    leaving: false,
    synced: false,
    follow: true,
    refreshTimer: null,
    pageRead: false,

    /**
     * Takes the run a run page shows from its #ses-run element (a data attribute,
     * escaped like any attribute: no server value is ever written into script
     * text). Called before anything uses runId, because the socket may open
     * before the document has finished loading.
     */
    readPage: function () {
        if (sesLive.pageRead) {
            return;
        }
        var run = document.getElementById('ses-run');
        if (!run) {
            return;
        }
        sesLive.pageRead = true;
        sesLive.runId = run.dataset.runId;
        sesLive.shown = parseInt(run.dataset.shown, 10) || 0;
    },

    onMessage: function (message) {
        sesLive.readPage();
        if (message.type === 'log' && message.runId === sesLive.runId) {
            sesLive.append(message.first, message.lines);
        } else if (message.type === 'status') {
            if (message.runId === sesLive.runId && window.sesRefreshRun) {
                window.sesRefreshRun();
            }
            if (window.sesRefreshList) {
                clearTimeout(sesLive.refreshTimer);
                sesLive.refreshTimer = setTimeout(window.sesRefreshList, 150);
            }
        }
    },

    /**
     * The socket opened (OmniFaces calls this once per page): what was sent
     * before is missing, so a run page fetches its log and facts again.
     */
    onOpen: function () {
        sesLive.readPage();
        sesLive.opened = true;
        if (sesLive.runId && window.sesReloadLog) {
            window.sesReloadLog();
        }
    },

    /**
     * The connection broke. OmniFaces tries to reopen the socket, but after a
     * server restart the channel (and usually the session) is gone, and what
     * was pushed meanwhile is lost either way. So the page says it is offline,
     * asks the server every few seconds whether it answers again, and then
     * reloads itself: fresh rows, a new channel, or the login page.
     */
    onLost: function () {
        if (sesLive.probing || sesLive.leaving) {
            return;
        }
        sesLive.probing = true;
        var banner = document.getElementById('ses-offline');
        if (banner) {
            banner.hidden = false;
        }
        var delay = 1000;
        var retry = function () {
            delay = Math.min(delay * 2, 5000);
            setTimeout(probe, delay);
        };
        var probe = function () {
            fetch(window.location.href, {method: 'HEAD', cache: 'no-store', credentials: 'same-origin'})
                .then(function (response) {
                    if (response.ok) {
                        window.location.reload();
                    } else {
                        retry();
                    }
                })
                .catch(retry);
        };
        setTimeout(probe, delay);
    },

    /** After the server rendered the log: that many lines are on the page now. */
    logReloaded: function () {
        sesLive.shown = document.querySelectorAll('#log .line').length;
        var log = document.getElementById('log');
        log.scrollTop = log.scrollHeight;
        if (window.sesRefreshRun) {
            window.sesRefreshRun();
        }
    },

    append: function (first, lines) {
        var log = document.getElementById('log');
        if (!log) {
            return;
        }
        if (first > sesLive.shown) {
            sesLive.onOpen();
            return;
        }
        lines = lines.slice(sesLive.shown - first);
        sesLive.shown += lines.length;
        var empty = document.getElementById('log-empty');
        if (empty) {
            empty.remove();
        }
        var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        lines.forEach(function (text) {
            var line = document.createElement('span');
            line.className = 'line';
            line.textContent = text;
            log.appendChild(line);
        });
        if (atBottom) {
            log.scrollTop = log.scrollHeight;
        }
    }
};

/* Sockets closing because the browser leaves the page are no lost connection. */
window.addEventListener('pagehide', function () {
    sesLive.leaving = true;
});

document.addEventListener('DOMContentLoaded', sesLive.readPage);
