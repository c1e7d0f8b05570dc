package io.courier.protocol.serialization;

import java.util.List;
import java.util.Set;

/**
 * Classes and packages refused even when a user's package or a service interface would allow them:
 * class loading, reflection, scripting, naming, process control and the libraries behind known
 * deserialization gadget chains.
 */
final class GadgetPackages {

    static final List<String> PREFIXES = List.of(
            "java.lang.reflect.",
            "java.lang.invoke.",
            "java.lang.instrument.",
            "java.lang.management.",
            "java.rmi.",
            "java.beans.",
            "java.security.",
            "java.util.logging.",
            "java.util.jar.",
            "java.util.zip.",
            "java.sql.Driver",
            "javax.script.",
            "javax.naming.",
            "javax.management.",
            "javax.sql.",
            "javax.xml.",
            "javax.imageio.",
            "javax.swing.",
            "java.awt.",
            "sun.",
            "com.sun.",
            "jdk.",
            "org.apache.commons.collections.",
            "org.apache.commons.collections4.",
            "org.apache.commons.beanutils.",
            "org.apache.xalan.",
            "org.apache.xbean.",
            "org.apache.ibatis.",
            "org.apache.tomcat.",
            "org.codehaus.groovy.",
            "org.springframework.",
            "org.hibernate.",
            "org.mozilla.javascript.",
            "org.python.",
            "bsh.",
            "clojure.",
            "groovy.",
            "ch.qos.logback.",
            "org.apache.logging.log4j.",
            "com.mchange.",
            "com.zaxxer.hikari.",
            "com.alibaba.fastjson.",
            "io.protostuff.",
            "io.netty.");

    static final Set<String> CLASSES = Set.of(
            "java.lang.Class",
            "java.lang.ClassLoader",
            "java.lang.Runtime",
            "java.lang.Process",
            "java.lang.ProcessBuilder",
            "java.lang.ProcessImpl",
            "java.lang.Thread",
            "java.lang.ThreadGroup",
            "java.lang.System",
            "java.net.URL",
            "java.net.URLClassLoader",
            "java.net.InetAddress",
            "java.net.Socket",
            "java.io.File",
            "java.io.FileInputStream",
            "java.io.FileOutputStream",
            "java.io.ObjectInputStream",
            "java.util.ServiceLoader",
            "java.util.PriorityQueue",
            "java.util.concurrent.ConcurrentSkipListMap");

    private GadgetPackages() {}

    static boolean refuses(String className) {
        if (CLASSES.contains(className)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
