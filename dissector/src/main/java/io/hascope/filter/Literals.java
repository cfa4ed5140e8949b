package io.hascope.filter;

import io.hascope.field.Field;
import io.hascope.field.FieldType;
import io.hascope.text.AddressText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses a literal for the type of the field it is compared with. */
final class Literals {
    private static final Pattern HEX_BYTES = Pattern.compile("([0-9A-Fa-f]{2})([:.-]?[0-9A-Fa-f]{2})*");

    private Literals() {
    }

    static Operand parse(String filter, Field f, Token t) throws FilterException {
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw new FilterException(filter, t.position() + 1, "expected a value for " + f.name() + ", found "
                    + t.describe());
        }
        String s = t.text();
        FieldType type = f.type();
        try {
            if (type.isInteger()) {
                return new Operand.Number(integer(f, s));
            }
            if (type.isTime()) {
                return new Operand.Number(new BigDecimal(s).movePointRight(9).longValueExact());
            }
            switch (type) {
                case IPADDR:
                    return address(s);
                case MAC: {
                    byte[] mac = hexBytes(s);
                    if (mac == null || mac.length != 6) {
                        throw new IllegalArgumentException();
                    }
                    return new Operand.Bytes(mac, -1);
                }
                case BYTES: {
                    byte[] bytes = t.kind() == Token.Kind.STRING ? s.getBytes(StandardCharsets.UTF_8) : hexBytes(s);
                    if (bytes == null) {
                        throw new IllegalArgumentException();
                    }
                    return new Operand.Bytes(bytes, -1);
                }
                default:
                    return new Operand.Text(s);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FilterException(filter, t.position() + 1, "\"" + s + "\" is not a valid value for " + f.name()
                    + " (" + expected(f) + ")");
        }
    }

    static Operand parseContains(String filter, Field f, Token t) throws FilterException {
        if (f.type() == FieldType.STRING) {
            return new Operand.Text(t.text());
        }
        if (t.kind() == Token.Kind.STRING) {
            return new Operand.Bytes(t.text().getBytes(StandardCharsets.UTF_8), -1);
        }
        byte[] bytes = t.kind() == Token.Kind.WORD ? hexBytes(t.text()) : null;
        if (bytes == null) {
            throw new FilterException(filter, t.position() + 1, "expected bytes (aa:bb:cc or aabbcc) or a \"string\""
                    + " after 'contains', found " + t.describe());
        }
        return new Operand.Bytes(bytes, -1);
    }

    private static String expected(Field f) {
        FieldType type = f.type();
        if (type.isInteger()) {
            String names = f.names() == null ? "" : "; or one of " + String.join(", ", f.names().asMap().values());
            return type == FieldType.BOOL ? "1/0 or true/false" : "an unsigned integer, decimal or 0x hex" + names;
        }
        return switch (type) {
            case TIME_ABS, TIME_REL -> "seconds, such as 1.25";
            case IPADDR -> "an IPv4 or IPv6 address, optionally /prefix";
            case MAC -> "a MAC address such as 00:0d:3a:aa:bb:cc";
            case BYTES -> "bytes such as aa:bb:cc or aabbcc, or a \"string\"";
            default -> "text";
        };
    }

    private static long integer(Field f, String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (f.type() == FieldType.BOOL) {
            if (lower.equals("true")) {
                return 1;
            }
            if (lower.equals("false")) {
                return 0;
            }
        }
        if (lower.startsWith("0x")) {
            return Long.parseLong(lower.substring(2), 16);
        }
        if (!lower.isEmpty() && lower.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(lower);
        }
        if (f.names() != null) {
            Long v = f.names().value(s);
            if (v != null) {
                return v;
            }
        }
        throw new IllegalArgumentException(s);
    }

    private static Operand address(String s) throws IllegalArgumentException {
        String addr = s;
        int prefix = -1;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            addr = s.substring(0, slash);
            prefix = Integer.parseInt(s.substring(slash + 1));
        }
        byte[] bytes = AddressText.parseIp(addr);
        if (bytes == null) {
            throw new IllegalArgumentException(s);
        }
        if (prefix > bytes.length * 8 || (slash >= 0 && prefix < 0)) {
            throw new IllegalArgumentException(s);
        }
        return new Operand.Bytes(bytes, prefix);
    }

    /** aa:bb:cc, aa-bb-cc, aa.bb.cc or aabbcc; null when not bytes. */
    static byte[] hexBytes(String s) {
        if (!HEX_BYTES.matcher(s).matches()) {
            return null;
        }
        String digits = s.replaceAll("[:.-]", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
