using Augment.Identity;
using Augment.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// One training step of a stage: a D_img (+Q) step, a D_z step (stages 2-3) and a generator step, each with its
/// own Adam. The code c is always built from the input's own label at a random intensity |z_y|, z_y ~ U(-1,1)^d,
/// so low intensities are trained too. Call inside a dispose scope; optimisers are made fresh per stage.
/// </summary>
public sealed partial class ExprGanStep : IDisposable
{
    readonly ExprGanNetworks nets;
    readonly IIdentityNetwork? identity;
    readonly ExprGanTrainingOptions options;
    readonly Tensor? realClassWeights;
    readonly ExpressionGuide? guide;

    /// <param name="realClassWeights">Per-class weights of the auxiliary classifier's loss on real faces (on the networks'
    /// device, owned by the caller); null weighs every image alike.</param>
    /// <param name="guide">The frozen expression guide of the guide term (owned by the caller); needed when the options
    /// weigh the term.</param>
    public ExprGanStep(ExprGanNetworks networks, IIdentityNetwork? identity, ExprGanTrainingOptions options, Tensor? realClassWeights = null,
        ExpressionGuide? guide = null)
    {
        nets = networks;
        this.identity = identity;
        this.realClassWeights = realClassWeights;
        this.guide = guide;
        this.options = options.Validated();
        var s1 = options.WeightsOf(1);
        if (s1.Pixel != 0 || s1.Identity != 0 || s1.AdversarialZ != 0)
            throw new ArgumentException("Stage 1 decodes from the prior, so it has no reconstruction: its pixel, identity and adv_z weights must be 0.");
        if (options.DifferentiableAugmentation && !networks.Architecture.HasMask)
            throw new ArgumentException("Differentiable augmentation is built for the identity-preserving design; the paper's design trains without it.");
        if (options.ClassifierOnRealFacesOnly && !networks.Architecture.HasMask)
            throw new ArgumentException("ClassifierOnRealFacesOnly sets how the identity-preserving design's auxiliary classifier learns; the paper's design has none.");
        if (options.GuideWeight > 0 && (!networks.Architecture.HasMask || guide is null))
            throw new ArgumentException("The guide term is built for the identity-preserving design and needs its ExpressionGuide.");
        if (options.PairedWeight > 0 && !networks.Architecture.HasMask)
            throw new ArgumentException("The paired term is built for the identity-preserving design; the paper's design trains without it.");
    }

    public int Stage { get; private set; }
    public Adam? GeneratorOptimizer { get; private set; }
    public Adam? ImageDiscriminatorOptimizer { get; private set; }
    public Adam? IdentityDiscriminatorOptimizer { get; private set; }

    /// <summary>Fresh Adam optimisers for a stage (each stage is its own optimisation problem, as in the original).</summary>
    public void BeginStage(int stage)
    {
        DisposeOptimizers();
        Stage = stage;
        GeneratorOptimizer = NewAdam(nets.GeneratorParameters());
        ImageDiscriminatorOptimizer = NewAdam(nets.ImageDiscriminatorParameters());
        IdentityDiscriminatorOptimizer = NewAdam(nets.IdentityDiscriminator.parameters());
    }

    /// <summary>Sets the learning rate of all three optimisers (the stage's schedule, <see cref="ExprGanTrainingOptions.LearningRateAt"/>).</summary>
    public void SetLearningRate(double rate)
    {
        foreach (var optimizer in new[] { GeneratorOptimizer, ImageDiscriminatorOptimizer, IdentityDiscriminatorOptimizer })
            foreach (var group in optimizer?.ParamGroups ?? throw new InvalidOperationException("Call BeginStage before SetLearningRate."))
                group.LearningRate = rate;
    }

    Adam NewAdam(IEnumerable<Parameter> parameters) =>
        optim.Adam(parameters, options.LearningRate, options.Beta1, options.Beta2);

    /// <param name="x">Batch of images on the networks' device.</param>
    /// <param name="labels">Their class indices (int64, same device).</param>
    /// <param name="generator">CPU generator for z_y and the prior (seeded per epoch by the trainer).</param>
    /// <param name="intensities">The batch's labelled intensities (float32, same device), when the options use them
    /// (<see cref="ExprGanTrainingOptions.UsesIntensityLabels"/>); null: every face at 1.</param>
    /// <param name="paired">The paired term's targets (<see cref="ExprGanTrainingOptions.PairedWeight"/>, stages 2-3 of the
    /// identity-preserving design); null: no paired term this step.</param>
    public StepLosses Run(Tensor x, Tensor labels, Generator generator, Tensor? intensities = null, PairedFaces? paired = null)
    {
        if (GeneratorOptimizer is null || ImageDiscriminatorOptimizer is null || IdentityDiscriminatorOptimizer is null)
            throw new InvalidOperationException("Call BeginStage before Run.");
        using var autocast = CpuAutocast.Scope(options.Precision == TrainingPrecision.BFloat16 && x.device.type == DeviceType.CPU);
        if (nets.Architecture.HasMask) return RunIdentityPreserving(x, labels, generator, intensities, paired);
        var arch = nets.Architecture;
        var w = options.WeightsOf(Stage);
        var n = x.shape[0];
        var device = x.device;
        var y = nn.functional.one_hot(labels, arch.Classes).to_type(ScalarType.Float32);
        var zy = Uniform(n, arch.CodeDims, generator, device);
        var c = nets.Controller.forward(y, zy);
        var z = Stage == 1 ? Uniform(n, arch.ZDim, generator, device) : nets.Encoder.forward(x);
        var xHat = nets.Decoder.forward(z, c);

        // D_img + Q: real and fake batches separately (batch-statistics BN); Q learns the code from fakes.
        var dOpt = ImageDiscriminatorOptimizer;
        dOpt.zero_grad();
        var fakeDetached = xHat.detach();
        var realFeatures = nets.ImageDiscriminator.Features(x, y);
        var fakeFeatures = nets.ImageDiscriminator.Features(fakeDetached, y);
        var dLoss = ExprGanLosses.Adversarial(nets.ImageDiscriminator.Adversarial(realFeatures), true)
            .add(ExprGanLosses.Adversarial(nets.ImageDiscriminator.Adversarial(fakeFeatures), false));
        var qD = ExprGanLosses.Regularizer(nets.Regularizer.forward(fakeFeatures), c);
        dLoss.add(qD).backward();
        dOpt.StepUninterrupted();

        // D_z: prior samples are real, encoder outputs fake. Not in stage 1 (no encoder yet).
        var dzValue = Stage >= 2 ? IdentityDiscriminatorStep(z, generator) : float.NaN;

        // Generator: only the terms this stage weighs are computed (L1, adv_z and TV are cheap and always logged).
        var gOpt = GeneratorOptimizer;
        gOpt.zero_grad();
        var total = zeros(1, device: device).squeeze();
        float pixel = float.NaN, ident = float.NaN, q = float.NaN, advImg = float.NaN, advZ = float.NaN;
        if (Stage >= 2)
        {
            var l1 = ExprGanLosses.Pixel(xHat, x);
            total = total.add(l1.mul(w.Pixel));
            pixel = l1.item<float>();
            if (w.Identity > 0 && identity != null)
            {
                var id = ExprGanLosses.Identity(identity, xHat, x);
                total = total.add(id.mul(w.Identity));
                ident = id.item<float>();
            }
            var az = ExprGanLosses.Adversarial(nets.IdentityDiscriminator.forward(z), true);
            if (w.AdversarialZ > 0) total = total.add(az.mul(w.AdversarialZ));
            advZ = az.item<float>();
        }
        if (w.Q > 0 || w.AdversarialImage > 0)
        {
            var features = nets.ImageDiscriminator.Features(xHat, y);
            var lq = ExprGanLosses.Regularizer(nets.Regularizer.forward(features), c);
            var ai = ExprGanLosses.Adversarial(nets.ImageDiscriminator.Adversarial(features), true);
            total = total.add(lq.mul(w.Q)).add(ai.mul(w.AdversarialImage));
            q = lq.item<float>();
            advImg = ai.item<float>();
        }
        var tv = ExprGanLosses.TotalVariation(xHat);
        if (w.TotalVariation > 0) total = total.add(tv.mul(w.TotalVariation));
        total.backward();
        gOpt.StepUninterrupted();

        return new StepLosses(pixel, ident, q, advImg, advZ, tv.item<float>(), total.item<float>(),
            dLoss.item<float>(), qD.item<float>(), dzValue);
    }

    /// <summary>One D_z step: prior samples are real, encoder outputs fake; returns its loss.</summary>
    float IdentityDiscriminatorStep(Tensor z, Generator generator)
    {
        var zOpt = IdentityDiscriminatorOptimizer!;
        zOpt.zero_grad();
        var prior = Uniform(z.shape[0], nets.Architecture.ZDim, generator, z.device);
        var dzLoss = ExprGanLosses.Adversarial(nets.IdentityDiscriminator.forward(prior), true)
            .add(ExprGanLosses.Adversarial(nets.IdentityDiscriminator.forward(z.detach()), false));
        dzLoss.backward();
        zOpt.StepUninterrupted();
        return dzLoss.item<float>();
    }

    static Tensor Uniform(long n, long dims, Generator generator, Device device)
    {
        var u = rand(n, dims, generator: generator).mul_(2).sub_(1);
        return device.type == DeviceType.CPU ? u : u.to(device);
    }

    void DisposeOptimizers()
    {
        GeneratorOptimizer?.Dispose();
        ImageDiscriminatorOptimizer?.Dispose();
        IdentityDiscriminatorOptimizer?.Dispose();
        GeneratorOptimizer = null;
        ImageDiscriminatorOptimizer = null;
        IdentityDiscriminatorOptimizer = null;
    }

    public void Dispose() => DisposeOptimizers();
}
