package dev.scriptexecuter.infrastructure;

import java.util.Locale;

/** Sizes in settings: "2g", "512m", "64k" or a number of bytes; "none" or 0 for no limit. */
public final class ByteSizes {

    private ByteSizes() {
    }

    /**
     * @param setting the setting's name, for the error
     * @return the bytes, 0 for no limit
     * @throws IllegalArgumentException naming the setting when the text is not a size
     */
    public static long parse(String setting, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("none")) {
            return 0;
        }
        long factor = switch (value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = factor == 1 ? value : value.substring(0, value.length() - 1);
        try {
            long number = Long.parseLong(digits.strip());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(setting + " must be like 1g, 256m or a number of bytes (or none): "
                    + text, e);
        }
    }
}
