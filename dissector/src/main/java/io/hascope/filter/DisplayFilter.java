package io.hascope.filter;

import io.hascope.field.Field;
import io.hascope.field.FieldRegistry;
import io.hascope.field.FieldTree;
import io.hascope.field.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wireshark's display-filter language, the part people type: existence, comparisons (symbols and words),
 * and/or/not, parentheses, {@code in {…}} with ranges, {@code contains}, {@code matches}, typed literals. Compiled once against the
 * field registry, then tested on each frame's {@link FieldTree} without allocating.
 */
public final class DisplayFilter {
    /** Names that stand for several fields, as in Wireshark (ip.addr matches source or destination). */
    private static final Map<String, String[]> ALIASES = Map.of(
            "expert", new String[] {"expert.severity"},
            "ip.addr", new String[] {"ip.src", "ip.dst"},
            "udp.port", new String[] {"udp.srcport", "udp.dstport"},
            "tcp.port", new String[] {"tcp.srcport", "tcp.dstport"},
            "hasync.state.addr", new String[] {"hasync.state.src", "hasync.state.dst"},
            "hasync.state.port", new String[] {"hasync.state.srcport", "hasync.state.dstport"});

    private final String text;
    private final Node root;

    private DisplayFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static DisplayFilter compile(String text) throws FilterException {
        Parser p = new Parser(text, Lexer.tokens(text));
        Node root = p.expression();
        p.expectEnd();
        return new DisplayFilter(text, root);
    }

    /** Every field the filter reads (aliases expanded), so a tree can be limited to them. */
    public java.util.Set<Field> fields() {
        java.util.Set<Field> out = new java.util.LinkedHashSet<>();
        root.collectFields(out);
        return out;
    }

    public boolean matches(FieldTree tree) {
        return root.test(tree);
    }

    public String text() {
        return text;
    }

    /** The fields a name refers to: one, several for an alias, or none. */
    public static Field[] resolve(String name) {
        String[] alias = ALIASES.get(name);
        if (alias != null) {
            Field[] out = new Field[alias.length];
            for (int i = 0; i < alias.length; i++) {
                out[i] = FieldRegistry.byName(alias[i]);
            }
            return out;
        }
        Field f = FieldRegistry.byName(name);
        return f == null ? new Field[0] : new Field[] {f};
    }

    public static Map<String, String[]> aliases() {
        return ALIASES;
    }

    private static final class Parser {
        private final String text;
        private final List<Token> tokens;
        private int pos;

        Parser(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token take() {
            return tokens.get(pos++);
        }

        private FilterException error(Token at, String reason) {
            return new FilterException(text, at.position() + 1, reason);
        }

        void expectEnd() throws FilterException {
            Token t = peek();
            if (t.kind() != Token.Kind.END) {
                throw error(t, "expected 'and', 'or' or the end of the filter, found " + t.describe());
            }
        }

        Node expression() throws FilterException {
            Node left = conjunction();
            while (peek().kind() == Token.Kind.OR) {
                take();
                left = new Node.Or(left, conjunction());
            }
            return left;
        }

        private Node conjunction() throws FilterException {
            Node left = negation();
            while (peek().kind() == Token.Kind.AND) {
                take();
                left = new Node.And(left, negation());
            }
            return left;
        }

        private Node negation() throws FilterException {
            if (peek().kind() == Token.Kind.NOT) {
                take();
                return new Node.Not(negation());
            }
            return primary();
        }

        private Node primary() throws FilterException {
            Token t = take();
            if (t.kind() == Token.Kind.LPAREN) {
                Node inner = expression();
                Token close = take();
                if (close.kind() != Token.Kind.RPAREN) {
                    throw error(close, "expected ')' to close the '(' at column " + (t.position() + 1)
                            + ", found " + close.describe());
                }
                return inner;
            }
            if (t.kind() != Token.Kind.WORD) {
                throw error(t, "expected a field name, 'not' or '(', found " + t.describe());
            }
            Field[] fields = resolve(t.text());
            if (fields.length == 0) {
                throw error(t, "\"" + t.text() + "\" is neither a field nor a protocol name");
            }
            Token op = peek();
            return switch (op.kind()) {
                case EQ, NE, LT, LE, GT, GE -> comparison(t, fields, take());
                case IN -> set(t, fields, take());
                case CONTAINS -> contains(t, fields, take());
                case MATCHES -> matches(t, fields, take());
                default -> new Node.Exists(fields);
            };
        }

        private Node comparison(Token name, Field[] fields, Token op) throws FilterException {
            Field f = fields[0];
            requireValueField(name, f);
            Token value = take();
            Operand operand = Literals.parse(text, f, value);
            Node.Op kind = switch (op.kind()) {
                case EQ -> Node.Op.EQ;
                case NE -> Node.Op.NE;
                case LT -> Node.Op.LT;
                case LE -> Node.Op.LE;
                case GT -> Node.Op.GT;
                default -> Node.Op.GE;
            };
            if (kind != Node.Op.EQ && kind != Node.Op.NE && operand instanceof Operand.Bytes b && b.prefixBits() >= 0) {
                throw error(value, "a CIDR block can only be tested with == or !=");
            }
            return new Node.Compare(fields, kind, operand);
        }

        private Node set(Token name, Field[] fields, Token in) throws FilterException {
            Field f = fields[0];
            requireValueField(name, f);
            Token open = take();
            if (open.kind() != Token.Kind.LBRACE) {
                throw error(open, "expected '{' after 'in', found " + open.describe());
            }
            List<Operand> members = new ArrayList<>();
            while (true) {
                Token t = take();
                if (t.kind() == Token.Kind.RBRACE) {
                    if (members.isEmpty()) {
                        throw error(t, "the set is empty; expected at least one value");
                    }
                    return new Node.In(fields, members);
                }
                if (t.kind() == Token.Kind.COMMA) {
                    continue;
                }
                if (t.kind() == Token.Kind.END) {
                    throw error(t, "expected '}' to close the set opened at column " + (open.position() + 1));
                }
                Operand low = Literals.parse(text, f, t);
                if (peek().kind() == Token.Kind.RANGE) {
                    Token range = take();
                    Token hiTok = take();
                    Operand high = Literals.parse(text, f, hiTok);
                    if (!(low instanceof Operand.Number lo) || !(high instanceof Operand.Number hi)) {
                        throw error(range, "ranges (a..b) are for numeric fields; " + f.name() + " is not one");
                    }
                    if (hi.value() < lo.value()) {
                        throw error(hiTok, "the range ends below its start");
                    }
                    members.add(new Operand.Range(lo.value(), hi.value()));
                } else {
                    members.add(low);
                }
            }
        }

        private Node contains(Token name, Field[] fields, Token op) throws FilterException {
            Field f = fields[0];
            requireValueField(name, f);
            if (f.type().isInteger() || f.type().isTime()) {
                throw error(op, "'contains' needs a bytes or string field; " + f.name() + " is a number");
            }
            Token value = take();
            Operand operand = Literals.parseContains(text, f, value);
            return new Node.Contains(fields, operand);
        }

        /**
         * {@code field matches "regex"}, as Wireshark's: a regular expression, case-insensitive, found anywhere in the
         * value as -T fields prints it (a string's text, an address, a number).
         */
        private Node matches(Token name, Field[] fields, Token op) throws FilterException {
            requireValueField(name, fields[0]);
            Token value = take();
            if (value.kind() != Token.Kind.STRING) {
                throw error(value, "expected a \"regular expression\" after 'matches', found " + value.describe());
            }
            try {
                return new Node.Matches(fields, java.util.regex.Pattern.compile(value.text(),
                        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw error(value, "not a regular expression: " + e.getDescription());
            }
        }

        private void requireValueField(Token name, Field f) throws FilterException {
            if (f.type() == FieldType.PROTOCOL || f.type() == FieldType.GROUP) {
                throw error(name, f.name() + " is a protocol or group; only its presence can be tested");
            }
        }
    }
}
