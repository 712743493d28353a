/*
 * The page frame: the colour theme and the menu on narrow screens.
 *
 * The theme follows the system (prefers-color-scheme) until the user picks
 * one with the switch in the header; the choice is kept in this browser
 * (localStorage). It is set on <html> before the page is drawn (this script
 * is loaded in <head>), so a dark page never flashes light.
 */
var sesLayout = (function () {
    var KEY = 'ses-theme';
    var root = document.documentElement;

    function stored() {
        try {
            return localStorage.getItem(KEY);
        } catch (e) {
            return null; // storage refused (private mode): the system's choice applies
        }
    }

    function systemDark() {
        return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    }

    /** The theme in effect: 'dark' or 'light'. */
    function current() {
        var chosen = root.dataset.theme;
        return chosen === 'dark' || chosen === 'light' ? chosen : (systemDark() ? 'dark' : 'light');
    }

    function apply(theme) {
        if (theme === 'dark' || theme === 'light') {
            root.dataset.theme = theme;
        } else {
            delete root.dataset.theme;
        }
        var button = document.getElementById('ses-theme');
        if (button) {
            var dark = current() === 'dark';
            button.setAttribute('aria-pressed', dark ? 'true' : 'false');
            button.title = dark ? 'Switch to the light theme' : 'Switch to the dark theme';
        }
        document.dispatchEvent(new CustomEvent('ses-theme', {detail: current()}));
    }

    function toggleTheme() {
        var next = current() === 'dark' ? 'light' : 'dark';
        try {
            localStorage.setItem(KEY, next);
        } catch (e) {
            // not kept: it still applies to this page
        }
        apply(next);
    }

    function setMenu(open) {
        var menu = document.getElementById('ses-menu');
        var button = document.getElementById('ses-menu-toggle');
        if (!menu || !button) {
            return;
        }
        menu.classList.toggle('open', open);
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
    }

    /*
     * PrimeFaces' message boxes mark each message (an <li>) role="alert", which takes it out of its list; the
     * box of each severity is the alert instead, so a screen reader still announces the messages at once.
     */
    function fixMessageRoles() {
        document.querySelectorAll('.ui-messages li[role=alert]').forEach(function (item) {
            item.removeAttribute('role');
            item.removeAttribute('aria-atomic');
            item.closest('ul').parentElement.setAttribute('role', 'alert');
        });
    }

    /*
     * A split button's arrow shows (to screen readers) the name the page gave it, but PrimeFaces names it
     * "Options List": its name is what it shows, so that both say the same.
     */
    function nameSplitButtons() {
        document.querySelectorAll('.ui-splitbutton-menubutton').forEach(function (button) {
            var text = button.querySelector('.ui-button-text');
            var name = text ? text.textContent.trim() : '';
            if (name && button.getAttribute('aria-label') !== name) {
                button.setAttribute('aria-label', name);
            }
        });
    }

    /* PrimeFaces names them whenever it (re)draws them, also after the page's load: named again each time. */
    function keepSplitButtonsNamed() {
        if (window.MutationObserver) {
            new MutationObserver(nameSplitButtons).observe(document.body,
                {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label']});
        }
    }

    /*
     * The fields each code editor hands its text to the server in are named after the editor, so that a
     * screen reader does not meet unnamed fields.
     */
    var EDITOR_FIELDS = {
        'editor:code:mainCode_input': 'Main code', 'editor:code:triggerCode_input': 'Trigger code',
        'editor:code:requirements_input': 'requirements.txt',
        'history:diff_input': 'The newer version', 'history:diff_input_original': 'The older version'
    };

    function labelEditorFields() {
        Object.keys(EDITOR_FIELDS).forEach(function (id) {
            var field = document.getElementById(id);
            if (field) {
                field.setAttribute('aria-label', EDITOR_FIELDS[id]);
            }
        });
        // the diff editor's two sides get their names from their own options, not the diff editor's; its
        // widget is made once Monaco has loaded, which can be after the page's load event
        if (!document.getElementById('history:diff')) {
            return;
        }
        whenWidget('diffEditor', function (diff) {
            diff.whenReady().then(function () {
                var editor = diff.getMonaco();
                editor.getOriginalEditor().updateOptions({ariaLabel: 'The older version'});
                editor.getModifiedEditor().updateOptions({ariaLabel: 'The newer version'});
            });
        });
    }

    /** Calls back with the page's widget of that name once it exists (tries for ten seconds). */
    function whenWidget(name, callback, tries) {
        var widget = window.PrimeFaces && PrimeFaces.widgets[name];
        if (widget && widget.whenReady) {
            callback(widget);
        } else if ((tries || 0) < 50) {
            setTimeout(function () {
                whenWidget(name, callback, (tries || 0) + 1);
            }, 200);
        }
    }

    function wire() {
        labelEditorFields();
        fixMessageRoles();
        nameSplitButtons();
        keepSplitButtonsNamed();
        if (window.jQuery) {
            // parts drawn again bring new fields and messages
            jQuery(document).on('pfAjaxComplete', function () {
                labelEditorFields();
                fixMessageRoles();
                nameSplitButtons();
            });
        }
        var theme = document.getElementById('ses-theme');
        if (theme) {
            theme.addEventListener('click', toggleTheme);
        }
        var toggle = document.getElementById('ses-menu-toggle');
        if (toggle) {
            toggle.addEventListener('click', function () {
                setMenu(toggle.getAttribute('aria-expanded') !== 'true');
            });
        }
        document.addEventListener('keydown', function (event) {
            if (event.key === 'Escape') {
                setMenu(false);
            }
        });
        apply(root.dataset.theme);
    }

    apply(stored());
    if (window.matchMedia) {
        window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () {
            apply(root.dataset.theme);
        });
    }
    // after the page's widgets exist: PrimeFaces creates them once the document has loaded
    if (document.readyState === 'complete') {
        wire();
    } else {
        window.addEventListener('load', wire);
    }
    return {current: current, toggleTheme: toggleTheme};
})();
