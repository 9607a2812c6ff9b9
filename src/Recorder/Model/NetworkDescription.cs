using NeuroSim.Replay.ChipModel.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Model;

/// <summary>A network's description: input shape and steps (the V2.0 VGG-8, MNIST models, or a user's spec file).</summary>
public sealed record NetworkDescription(string Name, int InputChannels, int InputHeight, int InputWidth, IReadOnlyList<NetworkStep> Steps)
{
    public int Classes => Steps.OfType<FcStep>().LastOrDefault()?.OutFeatures ?? throw new ArgumentException($"network '{Name}': the last layer must be fully connected (fc N)");
}
