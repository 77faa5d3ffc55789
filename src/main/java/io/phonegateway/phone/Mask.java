package io.phonegateway.phone;

/** Masks phone numbers and user ids for logs and {@code toString()}. */
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

    /**
     * Masks a user id (openid, unionid) for logs: the first four and last four characters stay, so support can tell
     * two users apart, the rest becomes {@code ***}. Ids of twelve characters or fewer are masked entirely.
     */
    public static String id(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 12 ? "*".repeat(value.length())
                : value.substring(0, 4) + "***" + value.substring(value.length() - 4);
    }

    /**
     * A number as a caller with {@code phone-output=masked} sees it: {@code "13800138000"} becomes {@code "138****8000"},
     * {@code "+85261234567"} becomes {@code "+852****4567"}: the first three and last four digits stay, every other digit
     * becomes {@code *} (a {@code +} stays). A value of seven digits or fewer keeps only its last four (four or fewer:
     * none). Null stays null.
     */
    public static String middle(String value) {
        if (value == null) {
            return null;
        }
        int digits = (int) value.chars().filter(Character::isDigit).count();
        int head = digits > 7 ? 3 : 0;
        int tail = digits > VISIBLE_DIGITS ? VISIBLE_DIGITS : 0;
        StringBuilder masked = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isDigit(c)) {
                masked.append(c == '+' ? c : '*');
                continue;
            }
            seen++;
            masked.append(seen <= head || seen > digits - tail ? c : '*');
        }
        return masked.toString();
    }
}
