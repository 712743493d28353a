/* The script page: error markers in the Monaco editors, files opened into them, and a warning before leaving with
   unsaved changes. */
var sesDirty = false;

var sesTabOf = {mainEditor: 0, triggerEditor: 1, requirementsEditor: 2};

function sesMark(widget, line, column, message) {
    if (PF('codeTabs') && sesTabOf[widget] !== undefined) {
        PF('codeTabs').select(sesTabOf[widget]);
    }
    var editorWidget = PF(widget);
    editorWidget.whenReady().then(function () {
        var editor = editorWidget.getMonaco();
        var model = editor.getModel();
        monaco.editor.setModelMarkers(model, 'ses', [{
            startLineNumber: line, startColumn: Math.max(1, column), endLineNumber: line,
            endColumn: model.getLineMaxColumn(line), message: message, severity: monaco.MarkerSeverity.Error
        }]);
        editor.revealLineInCenter(line);
    });
}

function sesClearMarks() {
    ['mainEditor', 'triggerEditor', 'requirementsEditor'].forEach(function (widget) {
        var editorWidget = PF(widget);
        if (editorWidget && editorWidget.isReady()) {
            monaco.editor.setModelMarkers(editorWidget.getMonaco().getModel(), 'ses', []);
        }
    });
}

function sesSaved(id) {
    sesDirty = false;
    if (window.location.search.indexOf('id=') < 0) {
        history.replaceState(null, '', window.location.pathname + '?id=' + encodeURIComponent(id));
    }
}

function sesWatchChanges() {
    ['mainEditor', 'triggerEditor', 'requirementsEditor'].forEach(function (widget) {
        var editorWidget = PF(widget);
        if (editorWidget) {
            editorWidget.whenReady().then(function () {
                editorWidget.getMonaco().onDidChangeModelContent(function () { sesDirty = true; });
            });
        }
    });
    document.addEventListener('input', function () { sesDirty = true; });
    window.addEventListener('beforeunload', function (event) {
        if (sesDirty) {
            event.preventDefault();
            event.returnValue = '';
        }
    });
}

/*
 * "Open main.py…": reads the chosen file in the browser and puts it into its editor, replacing what was there. The
 * server sees it only when the page is saved, where every other check applies; a file over the size the server takes
 * is refused here, before a browser tab has to hold it. A new script without a name takes the file's.
 */
function sesOpenFile(input) {
    var file = input.files && input.files[0];
    var status = input.closest('.ses-editor-bar').querySelector('.ses-open-file-status');
    var max = parseInt(input.dataset.maxBytes, 10);
    input.value = '';
    if (!file) {
        return;
    }
    var say = function (text, bad) {
        status.textContent = text;
        status.classList.toggle('ses-bad', !!bad);
    };
    if (file.size > max) {
        say(file.name + ' is ' + file.size + ' bytes; the server takes at most ' + max + ' bytes'
            + ' (setting ses.script.max-code-bytes). Nothing was opened.', true);
        return;
    }
    file.text().then(function (text) {
        if (text.indexOf('\u0000') >= 0) {
            say(file.name + ' is not a text file. Nothing was opened.', true);
            return;
        }
        var widget = PF(input.dataset.editor);
        widget.whenReady().then(function () {
            widget.getMonaco().setValue(text);
            sesDirty = true;
            var name = document.getElementById('editor:name');
            var stem = file.name.replace(/\.(py|txt)$/i, '');
            if (input.dataset.editor === 'mainEditor' && name && !name.readOnly && name.value.trim() === ''
                    && stem !== 'main' && stem !== '') {
                name.value = stem;
            }
            say('Opened ' + file.name + ' (' + file.size + ' bytes). Save to keep it.', false);
        });
    }, function () {
        say(file.name + ' could not be read. Nothing was opened.', true);
    });
}

/* on the document: an update of the editors (after a conflict) renders the inputs anew */
function sesWatchFileInputs() {
    document.addEventListener('change', function (event) {
        if (event.target.classList && event.target.classList.contains('ses-open-file-input')) {
            sesOpenFile(event.target);
        }
    });
}

/* The editors follow the page's theme (layout.js), now and when it is switched. */
function sesFollowTheme() {
    var widget = PF('mainEditor');
    if (!widget) {
        return;
    }
    widget.whenReady().then(function () {
        monaco.editor.setTheme(sesLayout.current() === 'dark' ? 'vs-dark' : 'vs');
    });
}

/* After the page's widgets exist (they are created while it loads), and only on the script page. */
window.addEventListener('load', function () {
    if (document.getElementById('editor')) {
        sesWatchChanges();
        sesWatchFileInputs();
        sesFollowTheme();
        document.addEventListener('ses-theme', sesFollowTheme);
    }
});
