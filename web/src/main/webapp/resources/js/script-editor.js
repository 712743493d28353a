/* The script page: error markers in the Monaco editors, and a warning before leaving with unsaved changes. */
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
        sesFollowTheme();
        document.addEventListener('ses-theme', sesFollowTheme);
    }
});
