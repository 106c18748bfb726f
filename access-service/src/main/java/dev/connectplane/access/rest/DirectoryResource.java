package dev.connectplane.access.rest;

import dev.connectplane.access.mapping.AccessViewMapper;
import dev.connectplane.access.repository.AccountGroupRepository;
import dev.connectplane.access.repository.VaultRepository;
import dev.connectplane.access.service.DirectoryService;
import dev.connectplane.contracts.envelope.Actor;
import dev.connectplane.foundation.auth.BearerAuthentication;
import dev.connectplane.foundation.authz.Authorizer;
import dev.connectplane.foundation.caller.CurrentCaller;
import dev.connectplane.foundation.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account directory (an admin API): vaults and groups. */
@SecurityRequirement(name = BearerAuthentication.OPENAPI_SCHEME)
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "directory")
public class DirectoryResource {

    private final DirectoryService directory;
    private final VaultRepository vaults;
    private final AccountGroupRepository groups;
    private final CurrentCaller caller;
    private final Authorizer authorizer;

    public DirectoryResource(DirectoryService directory, VaultRepository vaults, AccountGroupRepository groups,
                             CurrentCaller caller, Authorizer authorizer) {
        this.directory = directory;
        this.vaults = vaults;
        this.groups = groups;
        this.caller = caller;
        this.authorizer = authorizer;
    }

    @POST
    @Path("vaults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a vault in the directory")
    public Uni<Response> registerVault(AccessViews.RegisterVaultRequest request) {
        ProblemException.requireBody(request);
        Actor actor = caller.actor();
        return authorizer.requireManager(actor, "register vaults")
                .chain(() -> Panache.withTransaction(() -> directory.registerVault(request.name(), request.type(), actor)))
                .map(vault -> Response.created(URI.create("/v1/vaults/" + vault.id))
                        .entity(AccessViewMapper.toView(vault)).build());
    }

    @GET
    @Path("vaults")
    @WithSession
    @Operation(summary = "List the directory's vaults")
    public Uni<List<AccessViews.VaultView>> listVaults() {
        return vaults.listByName().map(all -> all.stream().map(AccessViewMapper::toView).toList());
    }

    @POST
    @Path("groups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a group in the directory")
    public Uni<Response> registerGroup(AccessViews.RegisterGroupRequest request) {
        ProblemException.requireBody(request);
        Actor actor = caller.actor();
        return authorizer.requireManager(actor, "register groups")
                .chain(() -> Panache.withTransaction(() -> directory.registerGroup(request.name(), actor)))
                .map(group -> Response.created(URI.create("/v1/groups/" + group.id))
                        .entity(AccessViewMapper.toView(group)).build());
    }

    @GET
    @Path("groups")
    @WithSession
    @Operation(summary = "List the directory's groups")
    public Uni<List<AccessViews.GroupView>> listGroups() {
        return groups.listByName().map(all -> all.stream().map(AccessViewMapper::toView).toList());
    }
}
