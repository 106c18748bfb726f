#!/usr/bin/env python3
"""Writes one JSON Schema (draft 2020-12) per event type into src/main/resources/contracts/schemas.

The schemas are checked in; EventSchemaTest checks them against the records and the golden
samples, so this script is a convenience for adding a type, not part of the build.
"""
import json, os

ID = {"type": "string", "pattern": "^[0-9a-z]{26}$"}
NAME = {"type": "string", "minLength": 1, "maxLength": 128}
TIME = {"type": "string", "format": "date-time"}
PERMISSION = {"enum": ["read", "write"]}
VAULT_REF = {"type": "object", "additionalProperties": True, "required": ["vault_id", "vault_name"],
             "properties": {"vault_id": ID, "vault_name": NAME}}
VAULT_SCOPE = {"type": "object", "additionalProperties": True, "required": ["vault_id", "vault_name", "acl"],
               "properties": {"vault_id": ID, "vault_name": NAME,
                              "acl": {"type": "array", "items": PERMISSION, "minItems": 1, "maxItems": 2, "uniqueItems": True}}}
def nullable(s): return {"anyOf": [s, {"type": "null"}]}
GROUP_GRANT = ({"group_id": ID, "group_name": NAME, "scope": {"enum": ["server", "all_servers", "managers"]},
                "server_id": nullable(ID)}, ["group_id", "group_name", "scope"])

TYPES = {
  "connect.server.created.v1": ("A Connect server was created; requested_vaults are granted by access-service.",
      {"server_id": ID, "name": NAME, "creator_id": {"type": "string", "minLength": 1}, "created_at": TIME,
       "requested_vaults": {"type": "array", "items": VAULT_REF},
       "credential_verifier": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
      ["server_id", "name", "creator_id", "created_at", "requested_vaults"]),
  "connect.server.renamed.v1": ("A Connect server was renamed.",
      {"server_id": ID, "old_name": NAME, "new_name": NAME}, ["server_id", "old_name", "new_name"]),
  "connect.server.deleted.v1": ("A Connect server was deleted: its credentials and all its tokens stop working.",
      {"server_id": ID, "name": NAME, "deleted_at": TIME}, ["server_id", "name", "deleted_at"]),
  "connect.vault.registered.v1": ("A vault entered the account directory.",
      {"vault_id": ID, "name": NAME, "vault_type": {"enum": ["user_created", "personal", "private", "employee", "default_shared"]}},
      ["vault_id", "name", "vault_type"]),
  "connect.group.registered.v1": ("A group entered the account directory.",
      {"group_id": ID, "name": NAME}, ["group_id", "name"]),
  "connect.vault.granted.v1": ("A server was granted access to a vault.",
      {"server_id": ID, "vault_id": ID, "vault_name": NAME}, ["server_id", "vault_id", "vault_name"]),
  "connect.vault.revoked.v1": ("A server lost its access to a vault.",
      {"server_id": ID, "vault_id": ID, "vault_name": NAME, "reason": {"enum": ["revoked", "server_deleted"]}},
      ["server_id", "vault_id", "vault_name", "reason"]),
  "connect.group.granted.v1": ("A group may now manage a server, all servers, or everything (managers).", *GROUP_GRANT),
  "connect.group.revoked.v1": ("A group grant was revoked.", *GROUP_GRANT),
  "connect.token.issued.v1": ("A token was issued; the token itself is never in an event.",
      {"token_id": ID, "server_id": ID, "name": NAME, "vaults": {"type": "array", "items": VAULT_SCOPE, "minItems": 1},
       "issued_at": TIME, "expires_at": nullable(TIME), "key_id": {"type": "string", "minLength": 1}},
      ["token_id", "server_id", "name", "vaults", "issued_at", "key_id"]),
  "connect.token.renamed.v1": ("A token was renamed.",
      {"token_id": ID, "server_id": ID, "old_name": NAME, "new_name": NAME}, ["token_id", "server_id", "old_name", "new_name"]),
  "connect.token.revoked.v1": ("A token was revoked.",
      {"token_id": ID, "server_id": ID, "reason": {"enum": ["deleted", "server_deleted", "signing_key_retired"]}, "revoked_at": TIME},
      ["token_id", "server_id", "reason", "revoked_at"]),
  "connect.token.scope-trimmed.v1": ("A vault was removed for good from a token's scope.",
      {"token_id": ID, "server_id": ID, "vault_id": ID, "vault_name": NAME,
       "remaining_vaults": {"type": "array", "items": VAULT_SCOPE}},
      ["token_id", "server_id", "vault_id", "vault_name", "remaining_vaults"]),
  "connect.signing-key.rotated.v1": ("A new signing key signs new tokens; the previous one still verifies until retired.",
      {"key_id": {"type": "string", "minLength": 1}, "previous_key_id": nullable({"type": "string", "minLength": 1}),
       "rotated_at": TIME},
      ["key_id", "rotated_at"]),
  "connect.signing-key.retired.v1": ("A signing key was retired: the tokens it signed stop verifying (each is also revoked).",
      {"key_id": {"type": "string", "minLength": 1}, "tokens_inactive": {"type": "integer", "minimum": 0},
       "retired_at": TIME},
      ["key_id", "tokens_inactive", "retired_at"]),
  "connect.access.changed.v1": ("One change in what a token or server may access (public stream).",
      {"change": {"enum": ["token_issued", "token_revoked", "token_scope_trimmed", "server_deleted"]},
       "server_id": ID, "token_id": ID, "vaults": {"type": "array", "items": VAULT_SCOPE},
       "removed_vault_id": ID, "reason": {"type": "string"}, "effective_at": TIME},
      ["change", "server_id", "effective_at"]),
  "connect.command.accepted.v1": ("A command took effect; result is what the REST API would answer (no secret unless the command asked).",
      {"command_id": {"type": "string", "minLength": 1, "maxLength": 128}, "command_type": {"type": "string"},
       "result": {"type": ["object", "null"]}},
      ["command_id", "command_type", "result"]),
  "connect.command.rejected.v1": ("A command changed nothing; problem is the RFC 9457 problem REST would answer.",
      {"command_id": {"type": "string", "minLength": 1, "maxLength": 128}, "command_type": {"type": ["string", "null"]},
       "problem": {"type": "object", "required": ["type", "title", "status", "detail"],
                   "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                                  "status": {"type": "integer"}, "detail": {"type": "string"}}}},
      ["command_id", "problem"]),
}

# Commands: the value of a record on connect.{servers,access,tokens}.commands (not CloudEvents).
SERVER_REF = {"type": "string", "minLength": 1, "description": "server ID or name"}
REPLY_KEY = {"type": "object", "required": ["kty"], "properties": {"kty": {"enum": ["EC", "RSA"]}}, "not": {"required": ["d"]},
             "description": "a public JSON Web Key (EC P-256/P-384/P-521, or RSA of 2048 bits or more; never with its private part 'd'): "
                            "the reply carries the secret encrypted to it as a compact JWE (ECDH-ES+A256KW or RSA-OAEP-256, A256GCM)"}
COMMANDS = {
  "server.create": ("connect.servers.commands", "Create a server and grant it vaults.",
      {"name": NAME, "vaults": {"type": "array", "items": {"type": "string", "minLength": 1}},
       "return_credentials": {"type": "boolean", "description": "ask for the credentials document in the reply (credentials_jwe): refused (400) unless reply_key is given too"},
       "reply_key": REPLY_KEY},
      ["name"]),
  "server.edit": ("connect.servers.commands", "Rename a server.", {"server": SERVER_REF, "name": NAME}, ["server", "name"]),
  "server.delete": ("connect.servers.commands", "Delete a server: its credentials and tokens stop working.",
      {"server": SERVER_REF}, ["server"]),
  "vault.grant": ("connect.access.commands", "Grant a server access to a vault.",
      {"server": SERVER_REF, "vault": {"type": "string", "minLength": 1}}, ["server", "vault"]),
  "vault.revoke": ("connect.access.commands", "Revoke a server's access to a vault; its tokens are trimmed.",
      {"server": SERVER_REF, "vault": {"type": "string", "minLength": 1}}, ["server", "vault"]),
  "group.grant": ("connect.access.commands", "Let a group manage a server, all servers (all_servers), or everything (neither).",
      {"group": {"type": "string", "minLength": 1}, "server": SERVER_REF, "all_servers": {"type": "boolean"}}, ["group"]),
  "group.revoke": ("connect.access.commands", "Revoke a group grant of the same scope.",
      {"group": {"type": "string", "minLength": 1}, "server": SERVER_REF, "all_servers": {"type": "boolean"}}, ["group"]),
  "token.create": ("connect.tokens.commands", "Issue a token for a server's vaults.",
      {"name": NAME, "server": SERVER_REF, "vaults": {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^.+?(,(r|w|rw))?$"}},
       "expires_in": {"type": "string", "pattern": "^([0-9]+[wdhms])+$"},
       "return_token": {"type": "boolean", "description": "ask for the token in the reply (token_jwe): refused (400) unless reply_key is given too"},
       "reply_key": REPLY_KEY},
      ["name", "server", "vaults"]),
  "token.edit": ("connect.tokens.commands", "Rename a token.",
      {"server": SERVER_REF, "token": {"type": "string", "minLength": 1}, "name": NAME}, ["server", "token", "name"]),
  "token.delete": ("connect.tokens.commands", "Revoke a token.",
      {"server": SERVER_REF, "token": {"type": "string", "minLength": 1}}, ["server", "token"]),
}

def command_schema(type_name, topic, description, props, required):
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://connect-plane.dev/schemas/commands/{type_name}.json",
        "title": type_name,
        "description": description + f" Published on {topic} with the header authorization: Bearer <token>.",
        "type": "object",
        "additionalProperties": False,
        "required": ["command_id", "type", "payload"],
        "properties": {
            "command_id": {"type": "string", "minLength": 1, "maxLength": 128},
            "type": {"const": type_name},
            "payload": {"type": "object", "additionalProperties": False, "required": required, "properties": props},
        },
    }

def envelope(type_name, description, props, required):
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://connect-plane.dev/schemas/{type_name}.json",
        "title": type_name,
        "description": description + " CloudEvents 1.0, structured mode.",
        "type": "object",
        "required": ["specversion", "id", "source", "type", "time", "data"],
        "properties": {
            "specversion": {"const": "1.0"},
            "id": {"type": "string", "minLength": 1},
            "source": {"type": "string", "minLength": 1},
            "type": {"const": type_name},
            "subject": {"type": "string"},
            "time": TIME,
            "datacontenttype": {"const": "application/json"},
            "partitionkey": {"type": "string", "description": "the Kafka key: the server ID wherever a server is involved"},
            "actorid": {"type": "string"},
            "actortype": {"enum": ["user", "server", "system"]},
            "actorgroups": {"type": "string", "description": "comma-separated groups of a user actor"},
            "causationid": {"type": "string", "description": "the causing command's ID"},
            "data": {"type": "object", "additionalProperties": True, "required": required, "properties": props},
        },
    }

out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "contracts", "schemas")
os.makedirs(out, exist_ok=True)
for name, (desc, props, req) in TYPES.items():
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(envelope(name, desc, props, req), f, indent=2)
        f.write("\n")
commands_out = os.path.join(out, "..", "commands", "schemas")
os.makedirs(commands_out, exist_ok=True)
for name, (topic, desc, props, req) in COMMANDS.items():
    with open(os.path.join(commands_out, name + ".json"), "w") as f:
        json.dump(command_schema(name, topic, desc, props, req), f, indent=2)
        f.write("\n")
print(len(TYPES), "event schemas and", len(COMMANDS), "command schemas written")
