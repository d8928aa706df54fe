using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan;

/// <summary>Device comparison by type and index (torch.Device has no value equality).</summary>
static class TensorDevice
{
    public static bool IsOn(this Tensor t, Device device) =>
        t.device_type == device.type && (device.type == DeviceType.CPU || t.device_index == Math.Max(0, device.index));

    /// <summary>The tensor itself when already on the device, else a copy there (caller's dispose scope owns it).</summary>
    public static Tensor On(this Tensor t, Device device) => t.IsOn(device) ? t : t.to(device);
}
