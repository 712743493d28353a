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
     * PrimeFaces' simple file upload marks its file field aria-hidden although it is the visible control a
     * keyboard reaches and its label names: screen readers would skip it.
     */
    function exposeFileFields() {
        document.querySelectorAll('input[type=file][aria-hidden=true]').forEach(function (field) {
            field.removeAttribute('aria-hidden');
        });
    }

    function wire() {
        exposeFileFields();
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
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', wire);
    } else {
        wire();
    }
    return {current: current, toggleTheme: toggleTheme};
})();
