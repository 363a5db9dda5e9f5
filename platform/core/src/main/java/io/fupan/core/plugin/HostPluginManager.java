package io.fupan.core.plugin;

import java.nio.file.Path;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/**
 * The PF4J manager of exactly one plugin version. PF4J keeps one version per plugin id per manager,
 * so side-by-side versions (tenant A on 1.0.0, tenant B on 1.1.0) get a manager each.
 *
 * <p>Differences from PF4J's {@link JarPluginManager}: {@code io.fupan.api} always loads from the
 * application (parent-first), so a jar that wrongly bundles the API cannot shadow it; and
 * dependencies on other plugins are checked by the {@link PluginCatalog} against the installed set,
 * not resolved inside this manager, which holds one plugin only (plugins talk through the API, not
 * through each other's classes).
 */
final class HostPluginManager extends JarPluginManager {

    HostPluginManager(Path pluginsRoot, String apiVersion) {
        super(pluginsRoot);
        setSystemVersion(apiVersion);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder() {
            @Override
            protected DefaultPluginDescriptor createPluginDescriptorInstance() {
                return new WithoutDependencies();
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new ApiFirstClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
            }
        };
    }

    /** Dependencies are the catalog's business (see class comment). */
    private static final class WithoutDependencies extends DefaultPluginDescriptor {
        @Override
        protected DefaultPluginDescriptor setDependencies(String dependencies) {
            return this;
        }
    }

    /** PF4J's plugin-first loader, except for the API, which is always the application's. */
    static final class ApiFirstClassLoader extends PluginClassLoader {

        ApiFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
            super(manager, descriptor, parent);
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            return className.startsWith("io.fupan.api.") || super.shouldDelegateToParent(className);
        }
    }
}
