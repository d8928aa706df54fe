using System.Collections;
using System.Globalization;
using Augment.Classifier;
using Augment.ExprGan.Training;

namespace Augment.Experiments.Options;

/// <summary>Option values as a user types them, for help texts built from the defaults records.</summary>
static class HelpFormat
{
    public static string Of(object? value) => value switch
    {
        null => "none",
        string s => s,
        CnnArchitecture a => a.Name,
        LossWeights w => Of(w is { Cycle: 0, Mask: 0, MaskSmoothness: 0, Classification: 0 }
            ? new[] { w.Pixel, w.Identity, w.Q, w.AdversarialImage, w.AdversarialZ, w.TotalVariation }
            : [w.Pixel, w.Identity, w.Q, w.AdversarialImage, w.AdversarialZ, w.TotalVariation, w.Cycle, w.Mask, w.MaskSmoothness, w.Classification]),
        Enum e => e.ToString().ToLowerInvariant(),
        IEnumerable list => string.Join(",", list.Cast<object>().Select(Of)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
