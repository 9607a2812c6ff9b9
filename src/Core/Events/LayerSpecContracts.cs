using NeuroSim.Replay.ChipModel.Network;
using NeuroSim.Replay.Core.Events.Contracts;

namespace NeuroSim.Replay.Core.Events;

/// <summary>A <see cref="LayerSpec"/> as the event contract's <see cref="NetworkLayer"/> and back (the chip model knows no contracts).</summary>
public static class LayerSpecContracts
{
    extension(LayerSpec l)
    {
        public NetworkLayer ToContract() => new()
        {
            Name = l.Name,
            IfmHeight = l.IfmHeight,
            IfmWidth = l.IfmWidth,
            IfmChannels = l.IfmChannels,
            KernelHeight = l.KernelHeight,
            KernelWidth = l.KernelWidth,
            OfmChannels = l.OfmChannels,
            FollowedByMaxPool = l.FollowedByMaxPool,
            Stride = l.Stride,
            Kind = l.IsFullyConnected ? LayerKind.Fc : LayerKind.Conv,
        };
    }

    extension(LayerSpec)
    {
        public static LayerSpec FromContract(NetworkLayer l) =>
            new(l.Name, l.IfmHeight, l.IfmWidth, l.IfmChannels, l.KernelHeight, l.KernelWidth, l.OfmChannels, l.FollowedByMaxPool, l.Stride);
    }
}
