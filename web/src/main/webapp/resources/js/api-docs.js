/* The API docs page: Swagger UI on the server's OpenAPI document, whose address the page passes as data-openapi. */
document.addEventListener('DOMContentLoaded', function () {
    var holder = document.getElementById('swagger-ui');
    window.ui = SwaggerUIBundle({
        url: holder.dataset.openapi,
        dom_id: '#swagger-ui',
        deepLinking: true,
        persistAuthorization: false
    });
});
