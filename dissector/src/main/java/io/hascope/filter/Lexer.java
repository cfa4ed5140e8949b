package io.hascope.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a display filter into tokens. Words take in field names and literals alike (10.0.0.0/8, aa:bb, ::1). */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String s) throws FilterException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
            switch (two) {
                case "==" -> {
                    out.add(new Token(Token.Kind.EQ, two, start));
                    i += 2;
                    continue;
                }
                case "!=" -> {
                    out.add(new Token(Token.Kind.NE, two, start));
                    i += 2;
                    continue;
                }
                case "<=" -> {
                    out.add(new Token(Token.Kind.LE, two, start));
                    i += 2;
                    continue;
                }
                case ">=" -> {
                    out.add(new Token(Token.Kind.GE, two, start));
                    i += 2;
                    continue;
                }
                case "&&" -> {
                    out.add(new Token(Token.Kind.AND, two, start));
                    i += 2;
                    continue;
                }
                case "||" -> {
                    out.add(new Token(Token.Kind.OR, two, start));
                    i += 2;
                    continue;
                }
                case ".." -> {
                    out.add(new Token(Token.Kind.RANGE, two, start));
                    i += 2;
                    continue;
                }
                default -> {
                }
            }
            switch (c) {
                case '<' -> out.add(new Token(Token.Kind.LT, "<", start));
                case '>' -> out.add(new Token(Token.Kind.GT, ">", start));
                case '!' -> out.add(new Token(Token.Kind.NOT, "!", start));
                case '(' -> out.add(new Token(Token.Kind.LPAREN, "(", start));
                case ')' -> out.add(new Token(Token.Kind.RPAREN, ")", start));
                case '{' -> out.add(new Token(Token.Kind.LBRACE, "{", start));
                case '}' -> out.add(new Token(Token.Kind.RBRACE, "}", start));
                case ',' -> out.add(new Token(Token.Kind.COMMA, ",", start));
                case '~' -> out.add(new Token(Token.Kind.MATCHES, "~", start)); // Wireshark's short 'matches'
                case '=' -> throw new FilterException(s, start + 1, "'=' is not an operator; did you mean '=='?");
                case '"' -> {
                    i = string(s, i, out);
                    continue;
                }
                default -> {
                    if (!isWordChar(c)) {
                        throw new FilterException(s, start + 1, "unexpected character '" + c + "'");
                    }
                    int j = i;
                    while (j < s.length() && isWordChar(s.charAt(j)) && !s.startsWith("..", j)) {
                        j++;
                    }
                    String word = s.substring(i, j);
                    out.add(new Token(keyword(word), word, start));
                    i = j;
                    continue;
                }
            }
            i++;
        }
        out.add(new Token(Token.Kind.END, "", s.length()));
        return out;
    }

    private static int string(String s, int i, List<Token> out) throws FilterException {
        int start = i;
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
                c = s.charAt(i);
            }
            sb.append(c);
            i++;
        }
        if (i >= s.length()) {
            throw new FilterException(s, start + 1, "the string that starts here is never closed with '\"'");
        }
        out.add(new Token(Token.Kind.STRING, sb.toString(), start));
        return i + 1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-';
    }

    private static Token.Kind keyword(String w) {
        return switch (w.toLowerCase(Locale.ROOT)) {
            case "eq" -> Token.Kind.EQ;
            case "ne" -> Token.Kind.NE;
            case "lt" -> Token.Kind.LT;
            case "le" -> Token.Kind.LE;
            case "gt" -> Token.Kind.GT;
            case "ge" -> Token.Kind.GE;
            case "and" -> Token.Kind.AND;
            case "or" -> Token.Kind.OR;
            case "not" -> Token.Kind.NOT;
            case "in" -> Token.Kind.IN;
            case "contains" -> Token.Kind.CONTAINS;
            case "matches" -> Token.Kind.MATCHES;
            default -> Token.Kind.WORD;
        };
    }
}
