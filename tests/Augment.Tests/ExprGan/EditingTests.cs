using Augment.ExprGan.Model;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Augment.Tests.ExprGan;

public class EditingTests(TrainedTinyModel model, ITestOutputHelper output) : IClassFixture<TrainedTinyModel>
{
    [Fact]
    public void RegularizerRecoversTheCodeOfGeneratedImagesBetterThanTheClassAlone()
    {
        var g = model.Editor.Generator;
        var reader = model.Editor.Reader!;
        var a = g.Architecture;
        using var scope = NewDisposeScope();
        using var gen = new Generator(77, CPU);
        const int n = 96;
        var labels = Enumerable.Range(0, n).Select(i => (long)(i % a.Classes)).ToArray();
        var zy = rand([n, a.CodeDims], generator: gen).mul(2).sub(1);
        var y = nn.functional.one_hot(tensor(labels), a.Classes);
        var code = g.Controller.forward(y, zy);
        var images = g.Decode(rand([n, a.ZDim], generator: gen).mul(2).sub(1), code);
        var q = reader.Predict(images, y);
        var mse = nn.functional.mse_loss(q, code).item<float>();
        // Knowing only the class (its sign pattern at the mean intensity 0.5) leaves E(|z|-1/2)^2 = 1/12.
        var read = reader.Read(images, labels).Intensities;
        var truth = zy.abs();
        var r = corrcoef(stack([read.flatten(), truth.flatten()])).data<float>()[1];
        output.WriteLine($"Q mse {mse:0.000} (class-only 0.083), intensity correlation {r:0.00}");
        Assert.True(mse < 1f / 12, $"Q mse {mse}");
        Assert.True(r > 0.3, $"intensity correlation {r}");
    }

    [Fact]
    public void IntensityZeroIsTheSameFaceWhateverTheTarget()
    {
        using var scope = NewDisposeScope();
        var x = model.Set.Images.narrow(0, 0, 4);
        var a = model.Editor.Edit(x, 0, 0f);
        var b = model.Editor.Edit(x, 2, 0f);
        Assert.Equal(x.shape, a.shape);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.False(model.Editor.Edit(x, 0, 1f).equal(model.Editor.Edit(x, 2, 1f)).all().item<bool>());
        var perDim = model.Editor.Edit(x, 1, [1f, 1f]);
        Assert.True(perDim.sub(model.Editor.Edit(x, 1, 1f)).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void TransferAndRetrieveUseTheCodeQReads()
    {
        using var scope = NewDisposeScope();
        var identity = model.Set.Images.narrow(0, 0, 5);
        var expression = model.Set.Images.narrow(0, 10, 5);
        Assert.Equal(identity.shape, model.Editor.Transfer(identity, expression).shape);
        Assert.Equal(identity.shape, model.Editor.Transfer(identity, expression.narrow(0, 0, 1)).shape);
        var gallery = model.Set.Images.narrow(0, 0, 20);
        var hits = model.Editor.Retrieve(gallery.narrow(0, 7, 1), 3, gallery);
        Assert.Equal(3, hits.Count);
        Assert.Equal(7, hits[0].Index);
        Assert.Equal(0f, hits[0].Distance, 5);
        Assert.True(hits[1].Distance >= hits[0].Distance && hits[2].Distance >= hits[1].Distance);
        var byCode = model.Editor.Retrieve(model.Editor.Generator.Code([1], [1f]), 2, gallery);
        Assert.Equal(2, byCode.Count);
    }
}
