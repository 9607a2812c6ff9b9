using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Wage;

/// <summary>
/// The weights a WAGE layer computes with, in one autograd node: bit for bit V2.0 QConv2d/QLinear's
/// <c>scaled = w·scale + (w − w·scale).detach(); scaled + (Q(scaled) − scaled).detach()</c> (the same operations in the
/// same order, three temporaries instead of nine), with its straight-through gradient: the incoming gradient times the
/// scale (tests/Recorder.Tests FusedQuantizerTests checks both on fixed inputs).
/// </summary>
public sealed class FusedWeightQuantizer : autograd.SingleTensorFunction<FusedWeightQuantizer>
{
    public override string Name => "WageFusedWeightQuantizer";

    public static Tensor Apply(Tensor weight, double scale, int weightBits) => apply(weight, scale, weightBits);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var w = ((Tensor)vars[0]).detach();
        var scale = (double)vars[1];
        var bits = (int)vars[2];
        ctx.save_data("scale", scale);
        var scaled = w.mul(scale);
        using (var rest = w.sub(scaled)) scaled.add_(rest);
        using var difference = Wage.QuantizeInPlace(scaled.clone(), bits).sub_(scaled);
        return scaled.add_(difference);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput) =>
        [gradOutput.mul((double)ctx.get_data("scale")), null!, null!];
}
