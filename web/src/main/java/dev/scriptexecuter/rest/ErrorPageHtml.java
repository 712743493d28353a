package dev.scriptexecuter.rest;

/** The plain HTML error page a person sees outside the API: the status, a sentence, a way back. */
final class ErrorPageHtml {

    private ErrorPageHtml() {
    }

    static String page(int status, String title, String detail, String contextPath) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + escape(title)
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + escape(title)
                + "</h1><p>" + escape(detail) + "</p><p><a href=\"" + escape(contextPath) + "/\">Back to the dashboard"
                + "</a></p></body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
