package io.phonegateway.phone;

/** Masks phone numbers for logs and {@code toString()}: only the last four digits stay readable. */
public final class Mask {

    private static final int VISIBLE_DIGITS = 4;

    private Mask() {
    }

    /**
     * {@code "13800138000"} becomes {@code "*******8000"}, {@code "+85261234567"} becomes
     * {@code "********4567"}: every character except the last four digits is replaced by {@code *}
     * (the length stays). A value with four digits or fewer is masked entirely. Null stays null.
     */
    public static String phone(String value) {
        if (value == null) {
            return null;
        }
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        boolean showTail = digits > VISIBLE_DIGITS;
        StringBuilder masked = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean digit = Character.isDigit(c);
            if (digit) {
                seen++;
            }
            masked.append(showTail && digit && seen > digits - VISIBLE_DIGITS ? c : '*');
        }
        return masked.toString();
    }
}
