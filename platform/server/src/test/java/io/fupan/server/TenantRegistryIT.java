package io.fupan.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fupan.core.tenant.PluginChoice;
import io.fupan.core.tenant.RegisteredTenant;
import io.fupan.core.tenant.TenantRegistry;
import io.fupan.core.tenant.TenantStatus;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Objects;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container (Arquillian on the running Liberty): the tenant registry as the application sees
 * it, through CDI, JTA, EclipseLink and the server's data source, after start-up seeded it.
 */
@ExtendWith(ArquillianExtension.class)
class TenantRegistryIT {

    @Deployment
    static WebArchive deployment() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "tenant-registry-it.war")
                .addClass(TenantRegistryIT.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        // The application's own libraries (core and what it needs), as the built WAR holds them.
        for (File jar : Objects.requireNonNull(new File("target/fupan-server/WEB-INF/lib").listFiles())) {
            war.addAsLibrary(jar);
        }
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain()
                .getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    TenantRegistry registry;

    @Resource(lookup = "jdbc/fupan")
    DataSource dataSource;

    @Test
    void all_afterStart_holdsTheTenantsOfTenantConfig() {
        assertThat(registry.all()).extracting(RegisteredTenant::id).contains("acme", "lumen");
        RegisteredTenant acme = registry.find("acme").orElseThrow();
        assertThat(acme.plan()).isEqualTo("enterprise");
        assertThat(acme.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(acme.currency()).isEqualTo("CNY");
        assertThat(registry.find("lumen").orElseThrow().plan()).isEqualTo("lite");
    }

    @Test
    void find_unknownOrBlankId_isEmpty() {
        assertThat(registry.find("no-such-tenant")).isEmpty();
        assertThat(registry.find(" ")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void pluginChoices_ofLumen_areTheChoicesOfItsFile() {
        assertThat(registry.pluginChoices("lumen"))
                .extracting(PluginChoice::pluginId, PluginChoice::enabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("review-dashboards", true));
    }

    /** The second lock: the application's connections work as a role that owns no table, so RLS binds it. */
    @Test
    void dataSource_worksAsARoleThatOwnsNothing() throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select current_user,"
                     + " (select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user),"
                     + " (select count(*) from pg_tables where schemaname = 'public')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("fupan_app");
            assertThat(rs.getInt(2)).isZero();
            assertThat(rs.getInt(3)).isPositive();
        }
    }
}
