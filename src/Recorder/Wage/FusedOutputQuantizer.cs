using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Wage;

/// <summary>
/// A layer's output step in one autograd node, bit for bit what <c>ErrorQuantizer.Apply(output / scale, …)</c> (V2.0
/// QConv2d/QLinear's division by the weight scale, then WAGEQuantizer_f) computes, with fewer temporaries: forward
/// divides by the scale into one fresh tensor and clips and quantizes it in place, keeping only the clip mask (one byte a
/// value) for backward; backward quantizes the error (QE) in one fresh tensor, zeroes it where the forward clipped (what
/// the clamp's gradient does) and divides it by the scale in place. The same operations in the same order on the same
/// values, so the same results (tests/Recorder.Tests FusedQuantizerTests checks it on fixed inputs).
/// </summary>
public sealed class FusedOutputQuantizer : autograd.SingleTensorFunction<FusedOutputQuantizer>
{
    public override string Name => "WageFusedOutputQuantizer";

    public static Tensor Apply(Tensor output, double scale, int activationBits, int errorBits) => apply(output, scale, activationBits, errorBits);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var output = (Tensor)vars[0];
        var scale = (double)vars[1];
        var activationBits = (int)vars[2];
        ctx.save_data("scale", scale);
        ctx.save_data("errorBits", (int)vars[3]);
        var y = output.detach().div(scale);
        ctx.save_data("clipped", activationBits != -1);
        if (activationBits == -1) return y;
        var limit = Wage.ClipLimit(activationBits);
        // The clamp's gradient passes where limit ≥ |y| (NaN passes none), as torch's clamp backward.
        ctx.save_for_backward([y.abs().le(limit)]);
        return Wage.QuantizeInPlace(y.clamp_(-limit, limit), activationBits);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var scale = (double)ctx.get_data("scale");
        var errorBits = (int)ctx.get_data("errorBits");
        using var _ = no_grad();
        Tensor error;
        // RD-78: V2.0 asserts "QE blow" on an all-zero error; we pass it on as zeros.
        if (errorBits == -1) error = gradOutput.clone();
        else if (gradOutput.abs().max().item<float>() == 0) return [zeros_like(gradOutput), null!, null!, null!];
        else error = Wage.QuantizeErrorInPlace(gradOutput, errorBits);
        if ((bool)ctx.get_data("clipped")) error.masked_fill_(ctx.get_saved_variables()[0].logical_not(), 0);
        return [error.div_(scale), null!, null!, null!];
    }
}
