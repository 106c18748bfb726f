package dev.connectplane.access.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectplane.access.config.AccessConfig;
import dev.connectplane.access.repository.VaultRepository;
import dev.connectplane.contracts.access.GrantScope;
import dev.connectplane.contracts.access.VaultType;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.caller.CallContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the directory seed at start: every vault and group it names that the directory lacks
 * is registered (with its event), and the bootstrap managers group is made a Secrets
 * Automation manager. Idempotent, and serialized across instances by an advisory lock.
 */
@ApplicationScoped
public class DirectorySeeder {

    private static final Logger LOG = Logger.getLogger(DirectorySeeder.class);
    private static final CallContext SEED = CallContext.system(Actor.system("directory-seed"));

    private final AccessConfig config;
    private final DirectoryService directory;
    private final GroupGrantService groupGrants;
    private final ObjectMapper mapper;
    private final VaultRepository vaults;

    public DirectorySeeder(AccessConfig config, DirectoryService directory, GroupGrantService groupGrants,
                           ObjectMapper mapper, VaultRepository vaults) {
        this.vaults = vaults;
        this.config = config;
        this.directory = directory;
        this.groupGrants = groupGrants;
        this.mapper = mapper;
    }

    /** The seed file: {@code {"vaults": [{"name", "type"}], "groups": [{"name"}]}}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Seed(List<SeedVault> vaults, List<SeedGroup> groups) {
    }

    /** A vault of the seed; type is a vault type wire name, {@code user_created} when absent. */
    public record SeedVault(String name, String type) {
    }

    /** A group of the seed. */
    public record SeedGroup(String name) {
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        Seed seed = read(config.seedFile());
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> seed(seed)));
        LOG.infof("directory seed applied: %d vaults, %d groups, managers group '%s'",
                seed.vaults().size(), seed.groups().size(), config.bootstrapManagersGroup());
    }

    Uni<Void> seed(Seed seed) {
        return vaults.lockForSeeding()
                .chain(() -> Multi.createFrom().iterable(seed.vaults())
                        .onItem().transformToUniAndConcatenate(v -> directory.ensureVault(v.name(),
                                v.type() == null ? VaultType.USER_CREATED : VaultType.fromWireName(v.type()), SEED))
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(seed.groups())
                        .onItem().transformToUniAndConcatenate(g -> directory.ensureGroup(g.name(), SEED))
                        .collect().last())
                .chain(() -> directory.ensureGroup(config.bootstrapManagersGroup(), SEED))
                .chain(group -> groupGrants.grant(group, GrantScope.MANAGERS, null, SEED))
                .replaceWithVoid();
    }

    private Seed read(String location) {
        try (InputStream in = open(location)) {
            Seed seed = mapper.readValue(in, Seed.class);
            return new Seed(seed.vaults() == null ? List.of() : seed.vaults(),
                    seed.groups() == null ? List.of() : seed.groups());
        } catch (IOException e) {
            throw new UncheckedIOException("the directory seed " + location + " could not be read", e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
