package dev.scriptexecuter.script.web;

import dev.scriptexecuter.script.boundary.ScriptDraft;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the script page's form turns a browser's submission into. */
class ScriptFormTest {

    @Test
    void codeSentWithTheBrowsersCrLfIsKeptWithLf() {
        ScriptForm form = new ScriptForm();
        form.setName("crlf");
        form.setMainCode("def main(data):\r\n    print('x')\r\n");
        form.setTriggerCode("def trigger(data):\r\n    return True\r\n");
        form.setRequirements("six==1.16.0\r\nattrs\r\n");

        ScriptDraft draft = form.draft(null);

        assertThat(draft.mainCode()).isEqualTo("def main(data):\n    print('x')\n");
        assertThat(draft.triggerCode()).isEqualTo("def trigger(data):\n    return True\n");
        assertThat(draft.requirements()).isEqualTo("six==1.16.0\nattrs\n");
    }
}
