/* Live updates from the server's 'runs' WebSocket channel (OmniFaces o:socket). */
var sesLive = {
    runId: null,
    shown: 0,
    opened: false,
    synced: false,
    follow: true,
    refreshTimer: null,

    onMessage: function (message) {
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
     * The socket (re)opened: what was sent while it was closed is missing, so a
     * run page fetches its log and facts again (then it is 'synced'), and a list
     * that reconnected after a lost connection reloads its rows.
     */
    onOpen: function () {
        var reconnected = sesLive.opened;
        sesLive.opened = true;
        if (sesLive.runId && window.sesReloadLog) {
            window.sesReloadLog();
        } else if (reconnected && window.sesRefreshList) {
            window.sesRefreshList();
        }
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
