using System.Security.Cryptography;
using System.Text;

namespace NeuroSim.Replay.EventStore;

/// <summary>
/// Name-based UUIDs (RFC 4122 version 5, SHA-1): the same name always gives the same id, so a retried
/// append carries the same event ids and is a no-op.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The namespace of every NeuroSim.Replay event id.</summary>
    public static readonly Guid EventNamespace = new("5d0c7a9e-3f1b-4c61-9a0e-6b7f2d4e8c11");

    public static Guid Create(string name) => Create(EventNamespace, name);

    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        namespaceId.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        ns.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);   // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
