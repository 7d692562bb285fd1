import Crypto
import Foundation

/// Keys and checkpoints: what may be registered and recorded.
enum SigningRules {
    static func decideRegister(_ key: RegisteredKey, on state: VenueState) throws(CommandError) -> [Event] {
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey)) != nil else {
            throw .invalid("the public key is not an Ed25519 key (32 bytes)")
        }
        let id = SigningKeys.fingerprint(key.publicKey)
        guard key.id == id else { throw .invalid("key id \(key.id) does not match the key (its fingerprint is \(id))") }
        try TextRules.check(key.holder, field: "the key's holder", maxCharacters: 80)
        guard !key.holder.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("say who holds the key (--holder)") }
        if state.signingKeys[id] != nil { throw .conflict("key \(id) is already registered") }
        return [.keyRegistered(key)]
    }

    static func decideCheckpoint(_ cp: Checkpoint, on state: VenueState) throws(CommandError) -> [Event] {
        guard let key = state.signingKeys[cp.key] else {
            throw .notFound("key \(cp.key) is not registered in this log; register its public half first (`podium keys register DIR FILE.pub`)")
        }
        guard cp.signatureHolds(for: key.publicKey) else { throw .invalid("the checkpoint's signature does not check against key \(cp.key)") }
        if let id = state.competition?.id, cp.competition != id {
            throw .invalid("the checkpoint is for competition \(cp.competition), this log holds \(id)")
        }
        guard cp.seq >= 1, cp.seq <= state.lastSeq else { throw .invalid("the checkpoint's seq \(cp.seq) is not in the log (1…\(state.lastSeq))") }
        return [.checkpointSigned(cp)]
    }
}
