package io.hascope.filter;

import io.hascope.field.Field;
import io.hascope.field.FieldTree;
import java.util.List;
import java.util.Set;

/** A compiled filter expression. Field references hold one field, or several for an alias such as ip.addr. */
sealed interface Node {
    boolean test(FieldTree t);

    /** Adds every field this expression reads. */
    void collectFields(Set<Field> out);

    record Exists(Field[] fields) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            out.addAll(List.of(fields));
        }

        @Override
        public boolean test(FieldTree t) {
            for (Field f : fields) {
                if (t.has(f)) {
                    return true;
                }
            }
            return false;
        }
    }

    enum Op { EQ, NE, LT, LE, GT, GE }

    /**
     * Any-occurrence comparison, as Wireshark: true when some occurrence relates to the constant. '!=' is the
     * negation of '==' over present fields ("all not equal"): true when the field occurs and no occurrence equals.
     */
    record Compare(Field[] fields, Op op, Operand operand) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            out.addAll(List.of(fields));
        }

        @Override
        public boolean test(FieldTree t) {
            boolean present = false;
            for (Field f : fields) {
                for (int i = t.first(f); i >= 0; i = t.next(i)) {
                    present = true;
                    int c = operand.compare(t, i);
                    boolean hit = switch (op) {
                        case EQ -> c == 0;
                        case NE -> c == 0;
                        case LT -> c < 0;
                        case LE -> c <= 0;
                        case GT -> c > 0;
                        case GE -> c >= 0;
                    };
                    if (hit) {
                        return op != Op.NE;
                    }
                }
            }
            return op == Op.NE && present;
        }
    }

    /** Whether some occurrence of one of fields (an alias names several) satisfies test, by its tree entry. */
    private static boolean anyOccurrence(FieldTree t, Field[] fields, java.util.function.IntPredicate test) {
        for (Field f : fields) {
            for (int i = t.first(f); i >= 0; i = t.next(i)) {
                if (test.test(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    record In(Field[] fields, List<Operand> members) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            out.addAll(List.of(fields));
        }

        @Override
        public boolean test(FieldTree t) {
            return anyOccurrence(t, fields, i -> {
                for (Operand m : members) {
                    if (m.compare(t, i) == 0) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    record Contains(Field[] fields, Operand operand) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            out.addAll(List.of(fields));
        }

        @Override
        public boolean test(FieldTree t) {
            return anyOccurrence(t, fields, i -> operand instanceof Operand.Bytes b ? b.containedIn(t, i)
                    : t.text(i) != null && t.text(i).contains(((Operand.Text) operand).value()));
        }
    }

    record Matches(Field[] fields, java.util.regex.Pattern pattern) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            out.addAll(List.of(fields));
        }

        @Override
        public boolean test(FieldTree t) {
            return anyOccurrence(t, fields, i -> pattern.matcher(t.text(i) != null ? t.text(i)
                    : io.hascope.field.FieldFormat.raw(t, i)).find());
        }
    }

    record And(Node left, Node right) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            left.collectFields(out);
            right.collectFields(out);
        }

        @Override
        public boolean test(FieldTree t) {
            return left.test(t) && right.test(t);
        }
    }

    record Or(Node left, Node right) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            left.collectFields(out);
            right.collectFields(out);
        }

        @Override
        public boolean test(FieldTree t) {
            return left.test(t) || right.test(t);
        }
    }

    record Not(Node inner) implements Node {
        @Override
        public void collectFields(Set<Field> out) {
            inner.collectFields(out);
        }

        @Override
        public boolean test(FieldTree t) {
            return !inner.test(t);
        }
    }
}
