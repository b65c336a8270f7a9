package dev.praxis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The javadoc rule every Praxis module's tests check on its own sources: everything a user can
 * reach has a doc comment — each public type (top-level or nested in a public type), and each
 * public or protected constructor, method, field and enum constant of such a type. A method
 * marked {@code @Override} inherits its documentation, a LangChain4j {@code @Tool} method has its
 * description; a record's components are documented on the record. The sources are parsed with the JDK's compiler, so the rule sees declarations as
 * javac does. (The build's javadoc run checks the comments' form: doclint, failing on warnings.)
 */
public final class PublicJavadoc {

    private PublicJavadoc() {
    }

    /** Fails listing every public declaration under {@code sourceRoot} without a doc comment. */
    public static void assertPublicApiDocumented(Path sourceRoot) {
        List<String> missing = new ArrayList<>();
        parse(sourceRoot, (unit, docs) -> {
            Path file = sourceRoot.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri()));
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c && visible(c.getModifiers(), false)) {
                    check(new TreePath(new TreePath(unit), c), docs, file.toString(), missing);
                }
            }
        });
        assertThat(missing).as("public declarations without javadoc under " + sourceRoot).isEmpty();
    }

    /** The qualified names of the public top-level types under {@code sourceRoot}, sorted. */
    public static List<String> publicTopLevelTypes(Path sourceRoot) {
        List<String> names = new ArrayList<>();
        parse(sourceRoot, (unit, docs) -> {
            String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree c && visible(c.getModifiers(), false)) {
                    names.add(pkg + c.getSimpleName());
                }
            }
        });
        names.sort(null);
        return names;
    }

    private static void parse(Path sourceRoot, BiConsumer<CompilationUnitTree, DocTrees> visitor) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fileManager, null, List.of("-proc:none"), null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                visitor.accept(unit, docs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(TreePath path, DocTrees docs, String file, List<String> missing) {
        ClassTree type = (ClassTree) path.getLeaf();
        String name = type.getSimpleName().toString();
        require(path, docs, file + " " + name, missing);
        boolean iface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
        for (Tree member : type.getMembers()) {
            TreePath at = new TreePath(path, member);
            if (member instanceof ClassTree nested) {
                if (visible(nested.getModifiers(), iface)) {
                    check(at, docs, file, missing);
                }
            } else if (member instanceof MethodTree method) {
                if (visible(method.getModifiers(), iface) && !documentedElsewhere(method)) {
                    require(at, docs, file + " " + name + "." + method.getName(), missing);
                }
            } else if (member instanceof VariableTree field && documentedField(type, field, iface)) {
                require(at, docs, file + " " + name + "." + field.getName(), missing);
            }
        }
    }

    private static boolean documentedField(ClassTree type, VariableTree field, boolean iface) {
        Set<Modifier> flags = field.getModifiers().getFlags();
        if (type.getKind() == Tree.Kind.RECORD && !flags.contains(Modifier.STATIC)) {
            return false; // a component: documented on the record
        }
        return iface || visible(field.getModifiers(), false); // enum constants are implicitly public
    }

    private static boolean visible(ModifiersTree modifiers, boolean inInterface) {
        Set<Modifier> flags = modifiers.getFlags();
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || (inInterface && !flags.contains(Modifier.PRIVATE));
    }

    /** Documented elsewhere: an override by what it overrides, a LangChain4j {@code @Tool} by its description. */
    private static boolean documentedElsewhere(MethodTree method) {
        return method.getModifiers().getAnnotations().stream().map(a -> a.getAnnotationType().toString())
                .anyMatch(a -> a.equals("Override") || a.equals("Tool") || a.equals("dev.langchain4j.agent.tool.Tool"));
    }

    private static void require(TreePath path, DocTrees docs, String what, List<String> missing) {
        if (docs.getDocCommentTree(path) == null) {
            missing.add(what);
        }
    }
}
