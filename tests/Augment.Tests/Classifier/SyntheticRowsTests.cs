using Augment.Classifier;
using Augment.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Tests.Classifier;

/// <summary>
/// ExpressionCnn with rows marked synthetic and weighted: a share cap of 0 and synthetic weights of 0 both train
/// exactly as on the real rows alone; the step budget is the same whatever the data size; the columns are checked.
/// </summary>
public class SyntheticRowsTests
{
    sealed class MarkedRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
        public string Subject { get; set; } = "";
        public bool IsSynthetic { get; set; }
        public float Weight { get; set; }
    }

    /// <summary>The real rows, then the synthetic ones with labels rotated by one class (so they would change a model
    /// that used them) and the subjects of the real rows (as the augmenter copies them from the source row).</summary>
    static IDataView Marked(MLContext ml, FaceSet real, FaceSet? synthetic, float syntheticWeight = 1f)
    {
        var size = real.Channels * real.Height * real.Width;
        IEnumerable<MarkedRow> Rows(FaceSet set, bool isSynthetic)
        {
            using var cpu = set.Images.cpu().contiguous();
            var pixels = cpu.data<float>().ToArray();
            for (var i = 0; i < set.Count; i++)
                yield return new MarkedRow
                {
                    Features = pixels.AsSpan(i * size, size).ToArray(),
                    Label = (uint)(isSynthetic ? (set.Labels[i] + 1) % set.ClassCount : set.Labels[i]),
                    Subject = isSynthetic ? real.Subjects[i % real.Count]! : set.Subjects[i]!,
                    IsSynthetic = isSynthetic,
                    Weight = isSynthetic ? syntheticWeight : 1f,
                };
        }
        var rows = Rows(real, false).Concat(synthetic == null ? [] : Rows(synthetic, true)).ToArray();
        var definition = SchemaDefinition.Create(typeof(MarkedRow));
        definition[nameof(MarkedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        definition[nameof(MarkedRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), real.ClassCount);
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    static ExpressionCnnOptions Options() => ExpressionCnnTrainerTests.SmallOptions() with { Epochs = 3, Augment = true, MaxShift = 1 };

    static (float[][] Scores, CnnTrainingSummary Training) Fit(MLContext ml, IDataView train, IDataView test, ExpressionCnnOptions options)
    {
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(options).Fit(train);
        return (model.Transform(test).GetColumn<float[]>("Score").ToArray(), model.Training);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100)]
    public void ShareZeroTrainsExactlyAsOnTheRealRowsAlone(int? samplesPerEpoch)
    {
        var ml = new MLContext(1);
        using var real = SyntheticPatterns.Make(10, 16, seed: 1);
        using var synthetic = SyntheticPatterns.Make(30, 16, seed: 4);
        using var test = SyntheticPatterns.Make(5, 16, seed: 2);
        var testView = test.ToDataView(ml);
        var options = Options() with { SamplesPerEpoch = samplesPerEpoch };

        var alone = Fit(ml, real.ToDataView(ml), testView, options);
        var marked = Marked(ml, real, synthetic);
        var capped = Fit(ml, marked, testView, options with { SyntheticColumnName = "IsSynthetic", SyntheticShare = 0 });
        var pooled = Fit(ml, marked, testView, options with { SyntheticColumnName = "IsSynthetic" });

        Assert.Equal(alone.Scores, capped.Scores);                      // same weights, to the bit
        Assert.Equal(alone.Training.Steps, capped.Training.Steps);
        Assert.Equal(0, capped.Training.SyntheticRowsSeen);
        Assert.Equal(alone.Training.ValidationRows, capped.Training.ValidationRows);
        Assert.NotEqual(alone.Scores, pooled.Scores);                   // the synthetic rows do matter when used
        Assert.True(pooled.Training.SyntheticRowsSeen > 0);
    }

    [Fact]
    public void SyntheticWeightsOfZeroTrainExactlyAsOnTheRealRowsAlone()
    {
        var ml = new MLContext(1);
        using var real = SyntheticPatterns.Make(10, 16, seed: 1);
        using var synthetic = SyntheticPatterns.Make(30, 16, seed: 4);
        using var test = SyntheticPatterns.Make(5, 16, seed: 2);
        var testView = test.ToDataView(ml);

        var alone = Fit(ml, real.ToDataView(ml), testView, Options());
        var weighted = Fit(ml, Marked(ml, real, synthetic, syntheticWeight: 0), testView, Options() with { ExampleWeightColumnName = "Weight" });
        var ones = Fit(ml, Marked(ml, real, null), testView, Options() with { ExampleWeightColumnName = "Weight" });
        var half = Fit(ml, Marked(ml, real, synthetic, syntheticWeight: 0.5f), testView, Options() with { ExampleWeightColumnName = "Weight" });

        Assert.Equal(alone.Scores, weighted.Scores);
        Assert.Equal(alone.Scores, ones.Scores);                        // a weight column of ones changes nothing
        Assert.NotEqual(alone.Scores, half.Scores);
    }

    [Fact]
    public void EveryDataSizeGetsTheSameStepBudget()
    {
        var ml = new MLContext(1);
        using var real = SyntheticPatterns.Make(10, 16, seed: 1);
        using var synthetic = SyntheticPatterns.Make(30, 16, seed: 4);
        using var test = SyntheticPatterns.Make(2, 16, seed: 2);
        var options = Options() with { SamplesPerEpoch = 64, BatchSize = 16, ValidationFraction = 0, SyntheticColumnName = "IsSynthetic" };

        var alone = Fit(ml, Marked(ml, real, null), test.ToDataView(ml), options).Training;
        var pooled = Fit(ml, Marked(ml, real, synthetic), test.ToDataView(ml), options).Training;
        var capped = Fit(ml, Marked(ml, real, synthetic), test.ToDataView(ml), options with { SyntheticShare = 0.25 }).Training;

        Assert.All(new[] { alone, pooled, capped }, t => Assert.Equal(3 * 4, t.Steps));   // 3 epochs x 64 / 16
        Assert.All(new[] { alone, pooled, capped }, t => Assert.Equal(3 * 64, t.RealRowsSeen + t.SyntheticRowsSeen));
        Assert.Equal((0, 30, 90), (alone.SyntheticRows, real.Count, pooled.SyntheticRows));
        Assert.Equal(3 * 4 * 4, capped.SyntheticRowsSeen);              // 4 of every 16
        Assert.Equal(0.25, capped.SyntheticShare);
        Assert.Null(pooled.SyntheticShare);
    }

    [Fact]
    public void SyntheticEditsOfValidationSubjectsStayOutOfTraining()
    {
        var ml = new MLContext(1);
        using var real = SyntheticPatterns.Make(10, 16, seed: 1);
        using var synthetic = SyntheticPatterns.Make(30, 16, seed: 4);
        using var model = ml.MulticlassClassification.Trainers.ExpressionCnn(Options() with { SyntheticColumnName = "IsSynthetic", ValidationFraction = 0.2 })
            .Fit(Marked(ml, real, synthetic));
        var t = model.Training;
        Assert.Equal(30, t.RealRows + t.ValidationRows);                 // validation rows are real rows only
        Assert.True(t.ValidationRows > 0);
        // Synthetic row i copies real row i % 30's subject, so 3 synthetic rows per held-out real row are dropped.
        Assert.Equal(90 - 3 * t.ValidationRows, t.SyntheticRows);
    }

    sealed class BadRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
        public int Weight { get; set; }
        public float IsSynthetic { get; set; }
    }

    IDataView BadView(MLContext ml, FaceSet set)
    {
        var definition = SchemaDefinition.Create(typeof(BadRow));
        definition[nameof(BadRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 256);
        definition[nameof(BadRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), 3);
        using var cpu = set.Images.cpu().contiguous();
        var pixels = cpu.data<float>().ToArray();
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, set.Count).Select(i => new BadRow
        {
            Features = pixels.AsSpan(i * 256, 256).ToArray(), Label = (uint)set.Labels[i], Weight = 1,
        }).ToArray(), definition);
    }

    [Fact]
    public void MissingOrWronglyTypedWeightAndMarkerColumnsAreRefusedByName()
    {
        var ml = new MLContext(1);
        using var set = SyntheticPatterns.Make(4, 16, seed: 1);
        var options = Options() with { Epochs = 1, SubjectColumnName = null, ValidationFraction = 0 };
        var view = BadView(ml, set);

        void Refused(ExpressionCnnOptions o, params string[] words)
        {
            var trainer = ml.MulticlassClassification.Trainers.ExpressionCnn(o);
            foreach (var e in new[]
            {
                Assert.ThrowsAny<ArgumentException>(() => trainer.Fit(view)),                                          // DataViewSchema check
                Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.CopyColumns("Copy", "Label").Append(trainer).Fit(view)), // SchemaShape check
            })
                foreach (var word in words) Assert.Contains(word, e.Message);
        }

        Refused(options with { ExampleWeightColumnName = "Importance" }, "'Importance'", "example weight", "not found");
        Refused(options with { ExampleWeightColumnName = "Weight" }, "'Weight'", "example weight", "Single");      // Int32
        Refused(options with { SyntheticColumnName = "Flag" }, "'Flag'", "synthetic", "not found");
        Refused(options with { SyntheticColumnName = "IsSynthetic" }, "'IsSynthetic'", "synthetic", "Boolean");   // Single

        Assert.Contains("SyntheticColumnName", Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.ExpressionCnn(options with { SyntheticShare = 0.5 })).Message);
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.ExpressionCnn(options with { SyntheticColumnName = "IsSynthetic", SyntheticShare = 1.5 })).Message);
    }

    [Fact]
    public void NegativeWeightsAreRefusedWithTheirRow()
    {
        var ml = new MLContext(1);
        using var real = SyntheticPatterns.Make(4, 16, seed: 1);
        using var synthetic = SyntheticPatterns.Make(2, 16, seed: 4);
        var e = Assert.Throws<InvalidOperationException>(() => ml.MulticlassClassification.Trainers.ExpressionCnn(Options() with { ExampleWeightColumnName = "Weight" })
            .Fit(Marked(ml, real, synthetic, syntheticWeight: -1)));
        Assert.Contains("Row 12", e.Message);
        Assert.Contains("'Weight'", e.Message);
    }
}
