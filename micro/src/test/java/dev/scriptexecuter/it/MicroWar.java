package dev.scriptexecuter.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The Micro WAR exactly as the build packaged it. */
public final class MicroWar {

    private MicroWar() {
    }

    public static WebArchive packaged() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("ses.war")));
    }
}
