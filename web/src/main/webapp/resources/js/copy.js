/*
 * Copy buttons: <button data-ses-copy="field-id"> puts the field's text on the clipboard and says so in the
 * .ses-copy-status next to it (a status region, so screen readers hear it). The clipboard API needs a secure
 * context (HTTPS or localhost); elsewhere the text is copied the old way, or at least selected for Ctrl+C.
 * A click on such a field selects all of it. Listening on the document finds buttons that AJAX adds later.
 */
(function () {
    function say(button, text) {
        var status = button.parentNode.querySelector('.ses-copy-status');
        if (status) {
            status.textContent = text;
        }
    }

    function copyBySelection(field, button) {
        field.focus();
        field.select();
        var copied = false;
        try {
            copied = document.execCommand('copy');
        } catch (e) {
            copied = false;
        }
        say(button, copied ? 'Copied.' : 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('[data-ses-copy]');
        var field = button && document.getElementById(button.getAttribute('data-ses-copy'));
        if (!field) {
            return;
        }
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(function () {
                say(button, 'Copied.');
            }, function () {
                copyBySelection(field, button);
            });
        } else {
            copyBySelection(field, button);
        }
    });

    document.addEventListener('focusin', function (event) {
        var field = event.target;
        if (field.id && document.querySelector('[data-ses-copy="' + field.id + '"]')) {
            field.select();
        }
    });
})();
