using Augment.Data;
using Augment.ExprGan;
using Augment.ExprGan.Editing;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

public class CheckpointTests
{
    static readonly string[] Three = ["anger", "disgust", "fear"];
    static ExprGanArchitecture Arch(int codeDims = 2) => ExprGanPreset.Tiny.Architecture(1, 3, codeDims);

    [Fact]
    public void SavedGeneratorLoadsWithIdenticalOutputs()
    {
        using var dir = new TempDirectory();
        using var set = TinyFaces.Create();
        using var nets = ExprGanNetworks.Create(Arch(), Three, CPU, 5);
        nets.Generator.Save(dir.File("g.exprgan"), nets.ImageDiscriminator, nets.Regularizer);
        using var loaded = ExprGanGenerator.Load(dir.File("g.exprgan"), CPU);
        using var scope = NewDisposeScope();
        var x = set.Images.narrow(0, 0, 6);
        var code = nets.Generator.Code([0, 1, 2, 0, 1, 2], [0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f]);
        Assert.True(nets.Generator.Encode(x).equal(loaded.Encode(x)).all().item<bool>());
        Assert.True(nets.Generator.Decode(nets.Generator.Encode(x), code).equal(loaded.Decode(loaded.Encode(x), code)).all().item<bool>());
        Assert.Equal(nets.Generator.StateDict().Keys.Order(), loaded.StateDict().Keys.Order());
        Assert.Equal(Three, loaded.Info.ClassNames);

        // The reader section round-trips too: Q reads the same codes from the original modules and the file.
        using var original = new ExpressionReader(Arch(), nets.ImageDiscriminator, nets.Regularizer, CPU);
        using var fromFile = ExpressionReader.Load(dir.File("g.exprgan"), CPU);
        Assert.True(original.Read(x).Codes.equal(fromFile.Read(x).Codes).all().item<bool>());
    }

    [Fact]
    public void GeneratorOfAnotherShapeOrClassSetIsRefusedByName()
    {
        using var dir = new TempDirectory();
        using (var g = ExprGanGenerator.Create(Arch(), Three, CPU, 1)) g.Save(dir.File("g.exprgan"));
        var shape = Assert.Throws<InvalidDataException>(() => ExprGanGenerator.Load(dir.File("g.exprgan"), CPU, Arch(codeDims: 3), Three));
        Assert.Contains("CodeDims 2 vs 3", shape.Message);
        var classes = Assert.Throws<InvalidDataException>(() => ExprGanGenerator.Load(dir.File("g.exprgan"), CPU, Arch(), ["anger", "fear", "disgust"]));
        Assert.Contains("classes", classes.Message);
        File.WriteAllText(dir.File("junk.exprgan"), "not a checkpoint");
        var junk = Assert.Throws<InvalidDataException>(() => ExprGanGenerator.Load(dir.File("junk.exprgan"), CPU));
        Assert.Contains("junk.exprgan", junk.Message);
        Assert.Contains("not an ExprGAN generator checkpoint", junk.Message);
        var noReader = Assert.Throws<InvalidDataException>(() => ExpressionReader.Load(dir.File("g.exprgan"), CPU));
        Assert.Contains("no expression reader", noReader.Message);
    }

    [Fact]
    public void ResumingOnOtherDataShapeOrClassesIsRefusedByName()
    {
        using var dir = new TempDirectory();
        using var set = TinyFaces.Create();
        var options = new ExprGanTrainingOptions([1, 0, 0], BatchSize: 8, Seed: 3);
        using (var trainer = new ExprGanTrainer(Arch(), options, dir.Path, CPU)) trainer.Train(set);

        using var other = TinyFaces.Create(seed: 99);
        using var t1 = new ExprGanTrainer(Arch(), options with { Epochs = [2, 0, 0] }, dir.Path, CPU);
        Assert.Contains("different training set", Assert.Throws<InvalidDataException>(() => t1.Train(other, resume: true)).Message);

        using var t2 = new ExprGanTrainer(Arch(codeDims: 3), options with { Epochs = [2, 0, 0] }, dir.Path, CPU);
        Assert.Contains("CodeDims 2 vs 3", Assert.Throws<InvalidDataException>(() => t2.Train(set, resume: true)).Message);

        using var renamed = new FaceSet("renamed", set.Images.clone(), set.Labels, ["happiness", "sadness", "surprise"], set.Subjects);
        using var t3 = new ExprGanTrainer(Arch(), options with { Epochs = [2, 0, 0] }, dir.Path, CPU);
        Assert.Contains("classes", Assert.Throws<InvalidDataException>(() => t3.Train(renamed, resume: true)).Message);

        using var t4 = new ExprGanTrainer(Arch(), options with { Epochs = [2, 0, 0], BatchSize = 4 }, dir.Path, CPU);
        Assert.Contains("BatchSize 8 (checkpoint) vs 4 (now)", Assert.Throws<InvalidDataException>(() => t4.Train(set, resume: true)).Message);

        using var t5 = new ExprGanTrainer(Arch(), options, dir.Path, CPU);
        Assert.Contains("resume", Assert.Throws<InvalidOperationException>(() => t5.Train(set)).Message);
    }
}
