package dev.scriptexecuter.openapi;

import dev.scriptexecuter.audit.rest.AuditResource;
import dev.scriptexecuter.environment.rest.EnvironmentsResource;
import dev.scriptexecuter.execution.rest.RetentionResource;
import dev.scriptexecuter.execution.rest.RunsResource;
import dev.scriptexecuter.incident.rest.IncidentsResource;
import dev.scriptexecuter.rest.RestApplication;
import dev.scriptexecuter.script.rest.ScriptVersionsResource;
import dev.scriptexecuter.script.rest.ScriptsResource;
import dev.scriptexecuter.security.rest.ApiKeysResource;
import dev.scriptexecuter.security.rest.AuthResource;
import dev.scriptexecuter.security.rest.TwoFactorResource;
import dev.scriptexecuter.security.rest.UsersResource;
import dev.scriptexecuter.transfer.rest.ExportResource;
import dev.scriptexecuter.transfer.rest.ImportResource;
import dev.scriptexecuter.variable.rest.ScriptVariablesResource;
import dev.scriptexecuter.variable.rest.VariablesResource;
import dev.scriptexecuter.webhook.rest.MailAlertResource;
import dev.scriptexecuter.webhook.rest.ScriptMailAlertResource;
import dev.scriptexecuter.webhook.rest.ScriptWebhookResource;
import dev.scriptexecuter.webhook.rest.WebhookResource;
import dev.scriptexecuter.execution.rest.HooksResource;
import dev.scriptexecuter.execution.rest.ScriptHooksResource;
import dev.scriptexecuter.execution.rest.TagsResource;
import dev.scriptexecuter.script.rest.ScriptChainResource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * {@code /openapi}: the API's OpenAPI document as JSON, open to all (it holds
 * no data). The dashboard's "API docs" page shows it in Swagger UI. A test
 * checks that every resource class is listed here.
 */
@WebServlet("/openapi")
public class OpenApiServlet extends HttpServlet {

    static final List<Class<?>> RESOURCES = List.of(AuthResource.class, ScriptsResource.class,
            ScriptVersionsResource.class, RunsResource.class, EnvironmentsResource.class, ApiKeysResource.class,
            UsersResource.class, AuditResource.class, RetentionResource.class, VariablesResource.class,
            ScriptVariablesResource.class, ExportResource.class, ImportResource.class, WebhookResource.class,
            ScriptWebhookResource.class, MailAlertResource.class, ScriptMailAlertResource.class,
            IncidentsResource.class, ScriptHooksResource.class, HooksResource.class,
            ScriptChainResource.class, TagsResource.class, TwoFactorResource.class);

    private volatile String document;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String json = document;
        if (json == null) {
            String version = getClass().getPackage().getImplementationVersion();
            json = OpenApiDocument.of(RestApplication.class, RESOURCES, version == null ? "dev" : version).toString();
            document = json;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
