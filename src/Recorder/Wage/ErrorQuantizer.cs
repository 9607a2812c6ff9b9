using static TorchSharp.torch;

namespace NeuroSim.Replay.Recorder.Wage;

/// <summary>
/// A layer's output quantizer (V2.0 WAGEQuantizer_f): forward clips and rounds activations to
/// <c>wl_activate</c> bits (or passes them when that is −1, as for the last layer); backward quantizes the
/// error to <c>wl_error</c> bits with QE. RD-78: an all-zero error (where V2.0 stops with "QE blow") passes as zeros.
/// The plain form, as V2.0 composes it; training runs <see cref="FusedOutputQuantizer"/>, which tests hold to this bit for bit.
/// </summary>
public sealed class ErrorQuantizer : autograd.SingleTensorFunction<ErrorQuantizer>
{
    public override string Name => "WageErrorQuantizer";

    public static Tensor Apply(Tensor x, int activationBits, int errorBits)
    {
        var clipped = activationBits == -1 ? x : Wage.Clip(x, activationBits);
        return apply(clipped, activationBits, errorBits);
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var activationBits = (int)vars[1];
        ctx.save_data("errorBits", (int)vars[2]);
        return activationBits == -1 ? x.detach().clone() : Wage.Quantize(x.detach(), activationBits);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var errorBits = (int)ctx.get_data("errorBits");
        // One gradient per forward argument; the bit widths have none.
        if (errorBits == -1) return [gradOutput, null!, null!];
        using var _ = no_grad();
        // RD-78: V2.0 asserts "QE blow" on an all-zero error; we pass it on as zeros.
        if (gradOutput.abs().max().item<float>() == 0) return [zeros_like(gradOutput), null!, null!];
        return [Wage.QuantizeError(gradOutput, errorBits), null!, null!];
    }
}
