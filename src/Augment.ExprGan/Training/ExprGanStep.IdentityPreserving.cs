using Augment.ExprGan.Model;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// The identity-preserving design's step (docs/identity-preserving.md). Every stage starts from the real face: it is
/// edited into a random target class at a random intensity (the edit D_img judges and Q reads), and from stage 2 on also
/// rendered in its own class at intensity 1 (the reconstruction: the data show peak expressions) and, edited, sent
/// back to its own class (the cycle). Stage 1 is still controller learning: adversarial and Q terms only.
/// </summary>
public sealed partial class ExprGanStep
{
    StepLosses RunIdentityPreserving(Tensor x, Tensor labels, Generator generator, Tensor? intensities, PairedFaces? paired)
    {
        var arch = nets.Architecture;
        var w = options.WeightsOf(Stage);
        var n = x.shape[0];
        var device = x.device;
        var y = nn.functional.one_hot(labels, arch.Classes).to_type(ScalarType.Float32);
        var targets = RandomClasses(n, arch.Classes, generator, device);
        var t = nn.functional.one_hot(targets, arch.Classes).to_type(ScalarType.Float32);
        var editCode = nets.Controller.forward(t, EditIntensities(n, arch.CodeDims, generator, device));
        var intensity = editCode.abs().view(n, arch.Classes, arch.CodeDims).mean([1, 2]).unsqueeze(1);
        // The face's own class at its own intensity: the labelled one when asked, else 1 (peak frames).
        var ownCode = nets.Controller.forward(y, intensities is null || !options.ReconstructAtLabelledIntensity
            ? ones(n, arch.CodeDims, device: device) : intensities.view(n, 1).expand(n, arch.CodeDims));
        var reconstruct = Stage >= 2;

        // One decoder pass for the edit and, from stage 2, the reconstruction (same encoding, two codes).
        var encoded = nets.Encoder.Encode(x);
        var decoded = reconstruct
            ? nets.Generator.Generate(Twice(encoded), cat([x, x], 0), cat([editCode, ownCode], 0))
            : nets.Generator.Generate(encoded, x, editCode);
        var edit = decoded.Image.narrow(0, 0, n);

        // D_img + Q: real faces with their labels, edits with their targets, separately (batch-statistics BN).
        var dOpt = ImageDiscriminatorOptimizer!;
        dOpt.zero_grad();
        // What D_img and the classifier see: the faces themselves or, asked, differentiably augmented copies.
        Tensor Seen(Tensor images) => options.DifferentiableAugmentation ? DifferentiableAugmentation.Apply(images, generator) : images;
        var realFeatures = nets.ImageDiscriminator.Features(Seen(x), y);
        var fakeFeatures = nets.ImageDiscriminator.Features(Seen(edit.detach()), t);
        var dLoss = ExprGanLosses.Adversarial(nets.ImageDiscriminator.Adversarial(realFeatures), true)
            .add(ExprGanLosses.Adversarial(nets.ImageDiscriminator.Adversarial(fakeFeatures), false));
        var qD = ExprGanLosses.Regularizer(nets.Regularizer.forward(fakeFeatures), editCode);
        var classifier = nets.Classifier!;
        var realClass = RealClassTerm(classifier.forward(Seen(x)), labels, options.ClassifyAtLabelledIntensity ? intensities : null);
        var dTotal = dLoss.add(qD).add(realClass);
        if (!options.ClassifierOnRealFacesOnly)   // else StarGAN's way: the classifier never sees an edit while it learns
            dTotal = dTotal.add(nn.functional.cross_entropy(classifier.forward(Seen(edit.detach())), full(n, classifier.EditClass, ScalarType.Int64, device: device)));
        dTotal.backward();
        dOpt.StepUninterrupted();

        var dzValue = reconstruct ? IdentityDiscriminatorStep(encoded.Z, generator) : float.NaN;

        var gOpt = GeneratorOptimizer!;
        gOpt.zero_grad();
        var seenEdit = Seen(edit);
        var features = nets.ImageDiscriminator.Features(seenEdit, t);
        var q = ExprGanLosses.Regularizer(nets.Regularizer.forward(features), editCode);
        var advImg = ExprGanLosses.Adversarial(nets.ImageDiscriminator.Adversarial(features), true);
        var keep = decoded.Keep!.narrow(0, 0, n).mean().to_type(ScalarType.Float32);   // bfloat16 under AUGMENT_BF16
        var editClass = ClassifierTerm(classifier.forward(seenEdit), targets, labels, intensity.squeeze(1));
        var total = q.mul(w.Q).add(advImg.mul(w.AdversarialImage)).add(keep.mul(w.Mask)).add(editClass.mul(w.Classification));
        if (options.MaskLogitCap is { } cap)
            total = total.add(nn.functional.relu(decoded.KeepLogit!.abs().sub(cap)).mean().to_type(ScalarType.Float32));
        if (w.MaskSmoothness > 0) total = total.add(ExprGanLosses.TotalVariation(decoded.Keep!).mul(w.MaskSmoothness));
        var tv = ExprGanLosses.TotalVariation(edit);
        if (w.TotalVariation > 0) total = total.add(tv.mul(w.TotalVariation));
        float pixel = float.NaN, cycle = float.NaN, ident = float.NaN, advZ = float.NaN, pairedValue = float.NaN, guideValue = float.NaN;
        if (reconstruct)
        {
            if (guide is not null && options.GuideWeight > 0)
            {
                var guided = ClassifierTerm(guide.Logits(edit), targets, labels, intensity.squeeze(1));
                total = total.add(guided.mul(options.GuideWeight));
                guideValue = guided.item<float>();
            }
            var l1 = ExprGanLosses.Pixel(decoded.Image.narrow(0, n, n), x);
            var back = ExprGanLosses.Pixel(nets.Generator.Generate(edit, ownCode).Image, x);
            var az = ExprGanLosses.Adversarial(nets.IdentityDiscriminator.forward(encoded.Z), true);
            total = total.add(l1.mul(w.Pixel)).add(back.mul(w.Cycle)).add(az.mul(w.AdversarialZ));
            (pixel, cycle, advZ) = (l1.item<float>(), back.item<float>(), az.item<float>());
            if (paired is not null && options.PairedWeight > 0)
            {
                var pairedLoss = PairedTerm(encoded, x, paired, arch);
                total = total.add(pairedLoss.mul(options.PairedWeight));
                pairedValue = pairedLoss.item<float>();
            }
        }
        if (w.Identity > 0 && identity != null)
        {
            var id = ExprGanLosses.Identity(identity, edit, x);
            total = total.add(id.mul(w.Identity));
            ident = id.item<float>();
        }
        total.backward();
        gOpt.StepUninterrupted();

        return new StepLosses(pixel, ident, q.item<float>(), advImg.item<float>(), advZ, tv.item<float>(), total.item<float>(),
            dLoss.item<float>(), qD.item<float>(), dzValue, cycle, keep.item<float>(), editClass.item<float>(), realClass.item<float>(), pairedValue, guideValue);
    }

    /// <summary>
    /// The paired term: each face edited into its partner's class at the partner's intensity, L1 against the partner
    /// (mean over the faces that have one; 0 when none has). One more decoder pass on the same encoding.
    /// </summary>
    Tensor PairedTerm(EncodedFaces encoded, Tensor x, PairedFaces paired, ExprGanArchitecture arch)
    {
        var n = x.shape[0];
        var code = nets.Controller.forward(nn.functional.one_hot(paired.Labels, arch.Classes).to_type(ScalarType.Float32),
            paired.Intensities.view(n, 1).expand(n, arch.CodeDims));
        var edit = nets.Generator.Generate(encoded, x, code).Image;
        var perFace = edit.sub(paired.Images).abs().view(n, -1).mean([1]).to_type(ScalarType.Float32);
        return perFace.mul(paired.Present).sum().div(paired.Present.sum().clamp_min(1));
    }

    /// <summary>
    /// z_y for the edits. Weighted and Graded: U(-1, 1) per dim, as the paper (one intensity shared by the dims with
    /// intensity-weighted cross-entropy was measured worse: docs/identity-preserving.md, run d). Mixture: one intensity
    /// for all dims, 1 for a share of the edits (FullIntensityShare, default half), 0 for the next share
    /// (ZeroIntensityShare, default none) and U(0, 1) for the rest. One draw picks the case, so a zero share of 0 draws
    /// exactly what runs before it drew.
    /// </summary>
    Tensor EditIntensities(long n, long dims, Generator generator, Device device)
    {
        if (options.IntensityTarget != IntensityTarget.Mixture) return Uniform(n, dims, generator, device);
        var s = rand(n, generator: generator);
        var pick = rand(n, generator: generator);
        if (options.ZeroIntensityShare > 0)   // the full share below overwrites the first FullIntensityShare of these
            s = where(pick.lt(options.FullIntensityShare + options.ZeroIntensityShare), zeros_like(s), s);
        s = where(pick.lt(options.FullIntensityShare), ones_like(s), s).unsqueeze(1).expand(n, dims).contiguous();
        return device.type == DeviceType.CPU ? s : s.to(device);
    }

    /// <summary>
    /// What the auxiliary classifier is asked to read from the edits (<see cref="IntensityTarget"/>): cross-entropy
    /// against the target weighted by the intensity; P(target) = intensity (1 for the source's own class, which the
    /// data show at full strength); or cross-entropy against intensity x target + (1 - intensity) x uniform.
    /// </summary>
    Tensor ClassifierTerm(Tensor logits, Tensor targets, Tensor labels, Tensor intensity)
    {
        switch (options.IntensityTarget)
        {
            case IntensityTarget.Weighted:
                return nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None).mul(intensity).mean();
            case IntensityTarget.Graded:
                var p = nn.functional.softmax(logits.to_type(ScalarType.Float32), 1).gather(1, targets.unsqueeze(1)).squeeze(1).clamp(1e-6, 1 - 1e-6);
                var goal = where(targets.eq(labels), ones_like(intensity), intensity).to_type(ScalarType.Float32);
                return nn.functional.binary_cross_entropy(p, goal);
            default:
                return SoftCrossEntropy(logits, MixtureTarget(targets, intensity, logits.shape[1])).mean();
        }
    }

    /// <summary>
    /// The auxiliary classifier's loss on real faces: cross-entropy against the label (class-weighted when balancing),
    /// or, given labelled intensities, against the mixture s x label + (1 - s) x uniform the edits are read by.
    /// </summary>
    Tensor RealClassTerm(Tensor logits, Tensor labels, Tensor? intensities)
    {
        if (intensities is null) return nn.functional.cross_entropy(logits, labels, weight: realClassWeights);
        var perFace = SoftCrossEntropy(logits, MixtureTarget(labels, intensities, logits.shape[1]));
        if (realClassWeights is null) return perFace.mean();
        var w = realClassWeights.index_select(0, labels);
        return perFace.mul(w).sum().div(w.sum());   // the weighted mean, as cross_entropy's weight gives
    }

    /// <summary>intensity x one-hot(class) + (1 - intensity) x uniform over the real classes; the last output, the
    /// classifier's "edit" class, gets 0.</summary>
    static Tensor MixtureTarget(Tensor classes, Tensor intensity, long outputs)
    {
        var device = intensity.device;
        var real = outputs - 1;
        var s = intensity.to_type(ScalarType.Float32).view(-1, 1);
        var uniform = cat([full(1, real, 1f / real, device: device), zeros(1, 1, device: device)], 1);
        return nn.functional.one_hot(classes, outputs).to_type(ScalarType.Float32).mul(s).add(uniform.mul(s.neg().add(1)));
    }

    static Tensor SoftCrossEntropy(Tensor logits, Tensor target) =>
        nn.functional.log_softmax(logits.to_type(ScalarType.Float32), 1).mul(target).sum(1).neg();

    static EncodedFaces Twice(EncodedFaces e) => new(cat([e.Z, e.Z], 0), e.Maps.Select(m => cat([m, m], 0)).ToArray());

    static Tensor RandomClasses(long n, int classes, Generator generator, Device device)
    {
        var k = rand(n, generator: generator).mul_(classes).floor_().clamp_(0, classes - 1).to_type(ScalarType.Int64);
        return device.type == DeviceType.CPU ? k : k.to(device);
    }
}
