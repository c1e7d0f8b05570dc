package io.courier.thrift.internal.schema;

import java.util.Set;

/**
 * The words Apache Thrift's compiler refuses as names: its own keywords and those it reserves for the
 * languages it generates. A Java name among them has no Thrift form (the method using it is left out, with
 * the reason), since the IDL would not compile.
 */
final class ReservedWords {

    private ReservedWords() {}

    private static final Set<String> WORDS = Set.of(
            // the IDL's own
            "binary", "bool", "byte", "const", "cpp_include", "double", "enum", "exception", "extends", "false",
            "i16", "i32", "i64", "i8", "include", "list", "map", "namespace", "oneway", "optional", "required", "senum",
            "service", "set", "slist", "string", "struct", "throws", "true", "typedef", "union", "uuid", "void",
            "xsd_all", "xsd_attrs", "xsd_nillable", "xsd_optional", "async",
            // reserved for the generated languages
            "BEGIN", "END", "__CLASS__", "__DIR__", "__FILE__", "__FUNCTION__", "__LINE__", "__METHOD__",
            "__NAMESPACE__", "abstract", "alias", "and", "args", "as", "assert", "begin", "break", "case", "catch",
            "class", "clone", "continue", "declare", "def", "default", "del", "delete", "do", "dynamic", "elif",
            "else", "elseif", "elsif", "end", "enddeclare", "endfor", "endforeach", "endif", "endswitch",
            "endwhile", "ensure", "except", "exec", "finally", "float", "for", "foreach", "from", "function",
            "global", "goto", "if", "implements", "import", "in", "inline", "instanceof", "interface", "is",
            "lambda", "module", "native", "new", "next", "nil", "not", "or", "package", "pass", "public", "print",
            "private", "protected", "raise", "redo", "rescue", "retry", "register", "return", "self", "sizeof",
            "static", "super", "switch", "synchronized", "then", "this", "throw", "transient", "try", "undef",
            "unless", "unsigned", "until", "use", "var", "virtual", "volatile", "when", "while", "with", "xor",
            "yield");

    /** @throws SchemaException if {@code name}, at {@code where}, is a word Thrift's compiler refuses */
    static void check(String name, String where) {
        if (WORDS.contains(name)) {
            throw new SchemaException(where + ": '" + name + "' is a word Thrift's compiler reserves"
                    + " (expected: another name; Thrift IDL cannot use it)");
        }
    }
}
