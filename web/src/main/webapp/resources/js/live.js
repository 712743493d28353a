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
    /** Where the log was last scrolled to: a scroll above it is the reader's, away from the end. */
    lastTop: 0,
    /** Lines that arrived while the log was paused: shown on Resume, in order. */
    held: [],

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
        sesLive.shown = sesLive.printed();
        sesLive.bindControls();
    },

    /**
     * Follow the end: new lines scroll the log to its end; scrolling up leaves
     * it, scrolling back to the end (or ticking the box) returns to it. Pause: the
     * log stands still and counts what arrives; Resume shows it.
     */
    bindControls: function () {
        var follow = document.getElementById('logFollow');
        var pause = document.getElementById('logPause');
        if (follow) {
            sesLive.follow = follow.checked;
            follow.addEventListener('change', function () {
                sesLive.follow = follow.checked;
                if (sesLive.follow) {
                    sesLive.scrollToEnd(true);
                }
            });
            // the log is rendered anew on a reload: listen above it (scroll events do not bubble, but are captured)
            document.addEventListener('scroll', function (event) {
                if (event.target.id === 'log') {
                    sesLive.readerScrolled(event.target, follow);
                }
            }, true);
        }
        if (pause) {
            pause.addEventListener('click', function () {
                if (sesLive.isPaused()) {
                    sesLive.resume();
                } else {
                    pause.setAttribute('aria-pressed', 'true');
                    sesLive.showHeld();
                }
            });
        }
    },

    /** Up, away from the end: stop following; back at the end: follow again. Lines added move nothing. */
    readerScrolled: function (log, follow) {
        var atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        if (atEnd) {
            sesLive.follow = true;
        } else if (log.scrollTop < sesLive.lastTop - 4) {
            sesLive.follow = false;
        }
        sesLive.lastTop = log.scrollTop;
        follow.checked = sesLive.follow;
    },

    /**
     * How many lines the run had printed when the server rendered the log: pushed
     * lines are numbered so (from 0). Not the lines on the page, which differ
     * when some were left out (a log over its cap, lines not shared by another node).
     */
    printed: function () {
        var log = document.getElementById('log');
        return log ? parseInt(log.dataset.printed, 10) || 0 : 0;
    },

    isPaused: function () {
        var pause = document.getElementById('logPause');
        return !!pause && pause.getAttribute('aria-pressed') === 'true';
    },

    showHeld: function () {
        var pause = document.getElementById('logPause');
        if (pause) {
            pause.textContent = !sesLive.isPaused() ? 'Pause'
                : 'Resume' + (sesLive.held.length ? ' (' + sesLive.held.length + ' new line'
                + (sesLive.held.length === 1 ? '' : 's') + ')' : '');
        }
    },

    resume: function () {
        var pause = document.getElementById('logPause');
        pause.setAttribute('aria-pressed', 'false');
        var held = sesLive.held;
        sesLive.held = [];
        sesLive.show(held);
        sesLive.showHeld();
    },

    onMessage: function (message) {
        sesLive.readPage();
        if (message.type === 'log' && message.runId === sesLive.runId) {
            sesLive.append(message.first, message.lines);
        } else if (message.type === 'status') {
            if (message.runId === sesLive.runId && message.status === 'FINISHED' && window.sesReloadLog) {
                // the whole log as stored: lines printed in its last moments on another node were not pushed
                window.sesReloadLog();
            } else if (message.runId === sesLive.runId && window.sesRefreshRun) {
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

    /** After the server rendered the log anew: pushed lines go on from what it had printed then (held ones among them). */
    logReloaded: function () {
        sesLive.shown = sesLive.printed();
        sesLive.held = [];
        sesLive.showHeld();
        // a link to a line (#L12, from a log search) shows that line, not the end
        var target = /^#L\d+$/.test(window.location.hash) && document.getElementById(window.location.hash.substring(1));
        if (target) {
            sesLive.follow = false;
            var follow = document.getElementById('logFollow');
            if (follow) {
                follow.checked = false;
            }
            target.classList.add('ses-line-linked');
            target.scrollIntoView({block: 'center'});
        } else if (sesLive.follow) {
            sesLive.scrollToEnd(true);
        } else {
            // rendered anew: back where the reader was
            var log = document.getElementById('log');
            if (log) {
                log.scrollTop = sesLive.lastTop;
            }
        }
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
        if (sesLive.isPaused()) {
            Array.prototype.push.apply(sesLive.held, lines);
            sesLive.showHeld();
            return;
        }
        sesLive.show(lines);
    },

    show: function (lines) {
        var log = document.getElementById('log');
        if (!log || !lines.length) {
            return;
        }
        var empty = document.getElementById('log-empty');
        if (empty) {
            empty.remove();
        }
        var number = log.querySelectorAll('.line').length;
        lines.forEach(function (text) {
            var line = document.createElement('span');
            line.className = 'line';
            line.id = 'L' + (++number);
            line.textContent = text;
            log.appendChild(line);
        });
        sesLive.scrollToEnd(false);
    },

    /** To the log's end when following (or always). */
    scrollToEnd: function (always) {
        var log = document.getElementById('log');
        if (log && (always || sesLive.follow)) {
            log.scrollTop = log.scrollHeight;
            sesLive.lastTop = log.scrollTop;
        }
    }
};

/* Sockets closing because the browser leaves the page are no lost connection. */
window.addEventListener('pagehide', function () {
    sesLive.leaving = true;
});

document.addEventListener('DOMContentLoaded', sesLive.readPage);
