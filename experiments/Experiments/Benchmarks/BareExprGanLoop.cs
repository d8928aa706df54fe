using Augment.ExprGan.Training;
using Augment.Identity;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Experiments.Benchmarks;

/// <summary>
/// The ExprGAN training step written as a bare TorchSharp loop (same networks, losses, random flips and Adam
/// settings as ExprGanStep, no logging, no progress, no loss read-back), the baseline the trainer's overhead is measured against.
/// </summary>
static class BareExprGanLoop
{
    /// <summary>Runs 'steps' steps of a stage on random batches of 'images'; each step's wall and process CPU seconds.</summary>
    public static (double Wall, double Cpu)[] Run(ExprGanNetworks nets, IIdentityNetwork? phi, Tensor images, Tensor labels, int stage, int batch, int steps, LossWeights w, int seed, LoopOptions? options = null)
    {
        var o = options ?? LoopOptions.Default;
        var discriminators = nets.ImageDiscriminatorParameters().Concat(nets.IdentityDiscriminator.parameters()).ToArray();
        var a = nets.Architecture;
        var device = images.device;
        using var gOpt = optim.Adam(nets.GeneratorParameters(), 2e-4, 0.5, 0.999);
        using var dOpt = optim.Adam(nets.ImageDiscriminatorParameters(), 2e-4, 0.5, 0.999);
        using var zOpt = optim.Adam(nets.IdentityDiscriminator.parameters(), 2e-4, 0.5, 0.999);
        using var gen = new Generator((ulong)seed, CPU);
        nets.Train(true);
        var times = new (double Wall, double Cpu)[steps];
        var n = images.shape[0];
        for (var s = 0; s < steps; s++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpu0 = Environment.CpuUsage.TotalTime;
            using var scope = NewDisposeScope();
            if (o.Bf16) CpuAutocast.Enable(true);
            var idx = randint(n, [batch], generator: gen).to(device);
            var flip = rand(batch, generator: gen).lt(0.5).to(device).reshape(batch, 1, 1, 1);
            var x = images.index_select(0, idx);
            x = where(flip, x.flip(3), x);
            var y = F.one_hot(labels.index_select(0, idx), a.Classes).to_type(ScalarType.Float32);
            var c = nets.Controller.forward(y, rand(batch, a.CodeDims, generator: gen).mul(2).sub(1).to(device));
            var z = stage == 1 ? rand(batch, a.ZDim, generator: gen).mul(2).sub(1).to(device) : nets.Encoder.forward(x);
            var xHat = nets.Decoder.forward(z, c);

            dOpt.zero_grad();
            var fReal = nets.ImageDiscriminator.Features(x, y);
            var fFake = nets.ImageDiscriminator.Features(xHat.detach(), y);
            var dReal = nets.ImageDiscriminator.Adversarial(fReal);
            var dFake = nets.ImageDiscriminator.Adversarial(fFake);
            (F.binary_cross_entropy_with_logits(dReal, ones_like(dReal)) + F.binary_cross_entropy_with_logits(dFake, zeros_like(dFake))
                + F.mse_loss(nets.Regularizer.forward(fFake), c)).backward();
            dOpt.step();

            if (stage >= 2)
            {
                zOpt.zero_grad();
                var pReal = nets.IdentityDiscriminator.forward(rand(batch, a.ZDim, generator: gen).mul(2).sub(1).to(device));
                var pFake = nets.IdentityDiscriminator.forward(z.detach());
                (F.binary_cross_entropy_with_logits(pReal, ones_like(pReal)) + F.binary_cross_entropy_with_logits(pFake, zeros_like(pFake))).backward();
                zOpt.step();
            }

            gOpt.zero_grad();
            if (o.FreezeDiscriminatorsInG) foreach (var p in discriminators) p.requires_grad = false;
            var f = nets.ImageDiscriminator.Features(xHat, y);
            var adv = nets.ImageDiscriminator.Adversarial(f);
            var loss = F.mse_loss(nets.Regularizer.forward(f), c).mul(w.Q) + F.binary_cross_entropy_with_logits(adv, ones_like(adv)).mul(w.AdversarialImage);
            var h = xHat.shape[2];
            var wd = xHat.shape[3];
            loss = loss + (xHat.narrow(2, 1, h - 1) - xHat.narrow(2, 0, h - 1)).abs().mean().mul(w.TotalVariation)
                + (xHat.narrow(3, 1, wd - 1) - xHat.narrow(3, 0, wd - 1)).abs().mean().mul(w.TotalVariation);
            if (stage >= 2)
            {
                var pz = nets.IdentityDiscriminator.forward(z);
                loss = loss + F.l1_loss(xHat, x).mul(w.Pixel) + F.binary_cross_entropy_with_logits(pz, ones_like(pz)).mul(w.AdversarialZ);
                if (phi != null && w.Identity > 0 && s % o.PhiEvery == 0)
                {
                    var factor = o.PhiSize > 0 ? xHat.shape[2] / o.PhiSize : 1;
                    Tensor Resize(Tensor t) => factor > 1 ? F.avg_pool2d(t, factor) : t;
                    IReadOnlyList<Tensor> target;
                    using (no_grad()) target = phi.Features(Resize(x));
                    var feats = phi.Features(Resize(xHat));
                    for (var l = 0; l < feats.Count; l++) loss = loss + F.l1_loss(feats[l], target[l]).mul(phi.LayerWeights[l] * w.Identity * o.PhiEvery);
                }
            }
            loss.backward();
            gOpt.step();
            if (o.FreezeDiscriminatorsInG) foreach (var p in discriminators) p.requires_grad = true;
            if (o.Bf16) CpuAutocast.Enable(false);
            times[s] = (clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds);
        }
        return times;
    }
}
