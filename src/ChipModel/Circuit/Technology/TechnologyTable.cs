using NeuroSim.Replay.ChipModel.Hardware;
using System.Collections.Frozen;

namespace NeuroSim.Replay.ChipModel.Circuit.Technology;

/// <summary>
/// The transistor data of every supported node (130 … 7 nm, HP and LSTP), conventional CMOS. Values are
/// the PTM-derived figures DNN+NeuroSim V2.0 uses (Technology.cpp; PTM models from ptm.asu.edu,
/// effective-resistance multipliers from CACTI).
/// </summary>
public static class TechnologyTable
{
    public static readonly FrozenDictionary<(int Node, DeviceRoadmap Roadmap), TransistorData> Conventional =
        new Dictionary<(int, DeviceRoadmap), TransistorData>
    {
        [(130, DeviceRoadmap.Hp)] = new(
            Vdd: 1.3, Vth: 128.4855e-3, PhysicalGateLengthM: 1.3e-7,
            CapIdealGateFPerM: 6.058401e-10, CapFringeFPerM: 6.119807e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 3.94E+02, CurrentGmPmos: 2.61E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [0.93e3, 0.91e3, 0.89e3, 0.87e3, 0.85e3, 0.83e3, 0.81e3, 0.79e3, 0.77e3, 0.75e3, 0.74e3],
            OnPmos: [0.43e3, 0.41e3, 0.38e3, 0.36e3, 0.34e3, 0.32e3, 0.30e3, 0.28e3, 0.26e3, 0.25e3, 0.24e3],
            OffNmos: [100.00e-3, 119.90e-3, 142.20e-3, 167.00e-3, 194.30e-3, 224.30e-3, 256.80e-3, 292.00e-3, 329.90e-3, 370.50e-3, 413.80e-3],
            OffPmos: [100.20e-3, 113.60e-3, 127.90e-3, 143.10e-3, 159.10e-3, 175.80e-3, 193.40e-3, 211.70e-3, 230.80e-3, 250.70e-3, 271.20e-3]),
        [(130, DeviceRoadmap.Lstp)] = new(
            Vdd: 1.3, Vth: 466.0949e-3, PhysicalGateLengthM: 1.3e-7,
            CapIdealGateFPerM: 1.8574e-9, CapFringeFPerM: 9.530642e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 3.87E+01, CurrentGmPmos: 5.67E+01, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [300.70, 273.40, 249.40, 228.40, 209.90, 193.50, 179.00, 166.00, 154.40, 144.00, 134.60],
            OnPmos: [150.70, 136.20, 123.60, 112.70, 103.20, 94.88, 87.54, 81.04, 75.25, 70.08, 65.44],
            OffNmos: [100.20e-6, 135.90e-6, 181.20e-6, 237.80e-6, 307.30e-6, 391.90e-6, 493.30e-6, 613.70e-6, 755.30e-6, 920.20e-6, 1111.0e-6],
            OffPmos: [100.20e-6, 132.80e-6, 173.00e-6, 221.90e-6, 280.70e-6, 350.40e-6, 432.20e-6, 527.20e-6, 636.80e-6, 761.90e-6, 903.80e-6]),
        [(90, DeviceRoadmap.Hp)] = new(
            Vdd: 1.2, Vth: 146.0217e-3, PhysicalGateLengthM: 9.0e-8,
            CapIdealGateFPerM: 5.694423e-10, CapFringeFPerM: 5.652302e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 4.95E+02, CurrentGmPmos: 3.16E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [1.07e3, 1.05e3, 1.03e3, 1.01e3, 0.99e3, 0.97e3, 0.95e3, 0.93e3, 0.90e3, 0.88e3, 0.86e3],
            OnPmos: [0.54e3, 0.50e3, 0.47e3, 0.44e3, 0.41e3, 0.39e3, 0.37e3, 0.34e3, 0.32e3, 0.31e3, 0.29e3],
            OffNmos: [100.8e-3, 120.8e-3, 143.4e-3, 168.6e-3, 196.6e-3, 227.4e-3, 261.1e-3, 297.7e-3, 337.3e-3, 379.8e-3, 425.4e-3],
            OffPmos: [100.00e-3, 114.00e-3, 128.90e-3, 144.80e-3, 161.60e-3, 179.30e-3, 197.90e-3, 217.40e-3, 237.90e-3, 259.10e-3, 281.30e-3]),
        [(90, DeviceRoadmap.Lstp)] = new(
            Vdd: 1.2, Vth: 501.3229e-3, PhysicalGateLengthM: 9.0e-8,
            CapIdealGateFPerM: 1.5413e-10, CapFringeFPerM: 9.601334e-10, EffectiveResistanceMultiplier: 1.77,
            CurrentGmNmos: 4.38E+01, CurrentGmPmos: 5.99E+01, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [346.30, 314.50, 286.80, 262.50, 241.20, 222.30, 205.60, 190.80, 177.50, 165.60, 155.00],
            OnPmos: [200.30, 179.50, 161.90, 146.90, 133.90, 122.60, 112.80, 104.10, 96.47, 89.68, 83.62],
            OffNmos: [100.00e-6, 135.70e-6, 181.10e-6, 238.00e-6, 308.50e-6, 394.60e-6, 498.50e-6, 622.60e-6, 769.30e-6, 941.20e-6, 1141.0e-6],
            OffPmos: [100.30e-6, 133.20e-6, 174.20e-6, 224.40e-6, 285.10e-6, 357.60e-6, 443.40e-6, 543.70e-6, 660.00e-6, 793.80e-6, 946.40e-6]),
        [(65, DeviceRoadmap.Hp)] = new(
            Vdd: 1.1, Vth: 166.3941e-3, PhysicalGateLengthM: 6.5e-8,
            CapIdealGateFPerM: 4.868295e-10, CapFringeFPerM: 5.270361e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 5.72E+02, CurrentGmPmos: 3.99E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [1.12e3, 1.10e3, 1.08e3, 1.06e3, 1.04e3, 1.02e3, 1.00e3, 0.98e3, 0.95e3, 0.93e3, 0.91e3],
            OnPmos: [0.70e3, 0.66e3, 0.62e3, 0.58e3, 0.55e3, 0.52e3, 0.49e3, 0.46e3, 0.44e3, 0.41e3, 0.39e3],
            OffNmos: [100.00e-3, 119.70e-3, 141.90e-3, 166.80e-3, 194.40e-3, 224.80e-3, 258.10e-3, 294.40e-3, 333.60e-3, 375.90e-3, 421.20e-3],
            OffPmos: [100.10e-3, 115.20e-3, 131.50e-3, 149.00e-3, 167.60e-3, 187.40e-3, 208.40e-3, 230.50e-3, 253.70e-3, 278.10e-3, 303.60e-3]),
        [(65, DeviceRoadmap.Lstp)] = new(
            Vdd: 1.1, Vth: 501.6636e-3, PhysicalGateLengthM: 6.5e-8,
            CapIdealGateFPerM: 1.1926e-9, CapFringeFPerM: 9.62148e-10, EffectiveResistanceMultiplier: 1.77,
            CurrentGmNmos: 5.90E+01, CurrentGmPmos: 6.75E+01, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [400.00, 363.90, 332.30, 304.70, 280.40, 258.90, 239.90, 223.00, 207.90, 194.30, 182.10],
            OnPmos: [238.70, 216.10, 196.60, 179.70, 164.90, 152.00, 140.50, 130.40, 121.40, 113.30, 106.10],
            OffNmos: [100.20e-6, 137.50e-6, 185.80e-6, 247.20e-6, 324.20e-6, 419.30e-6, 535.40e-6, 675.70e-6, 843.100e-6, 1041.00e-6, 1273.00e-6],
            OffPmos: [100.20e-6, 135.40e-6, 179.70e-6, 234.90e-6, 302.50e-6, 384.30e-6, 482.20e-6, 598.00e-6, 733.90e-6, 891.60e-6, 1073.00e-6]),
        [(45, DeviceRoadmap.Hp)] = new(
            Vdd: 1.0, Vth: 171.0969e-3, PhysicalGateLengthM: 4.5e-8,
            CapIdealGateFPerM: 4.091305e-10, CapFringeFPerM: 4.957928e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 7.37E+02, CurrentGmPmos: 6.30E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [1.27e3, 1.24e3, 1.22e3, 1.19e3, 1.16e3, 1.13e3, 1.11e3, 1.08e3, 1.05e3, 1.02e3, 1.00e3],
            OnPmos: [1.08e3, 1.04e3, 1.00e3, 0.96e3, 0.92e3, 0.88e3, 0.85e3, 0.81e3, 0.78e3, 0.75e3, 0.72e3],
            OffNmos: [100.00e-3, 120.70e-3, 144.10e-3, 170.50e-3, 199.80e-3, 232.30e-3, 268.00e-3, 307.10e-3, 349.50e-3, 395.40e-3, 444.80e-3],
            OffPmos: [100.20e-3, 118.70e-3, 139.30e-3, 162.00e-3, 186.80e-3, 213.90e-3, 243.30e-3, 274.90e-3, 308.90e-3, 345.20e-3, 383.80e-3]),
        [(45, DeviceRoadmap.Lstp)] = new(
            Vdd: 1, Vth: 464.3718e-3, PhysicalGateLengthM: 4.5e-8,
            CapIdealGateFPerM: 8.930709e-10, CapFringeFPerM: 8.849901e-10, EffectiveResistanceMultiplier: 1.77,
            CurrentGmNmos: 1.32E+02, CurrentGmPmos: 8.65E+01, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [500.20, 462.00, 427.80, 397.10, 369.40, 344.50, 322.10, 301.80, 283.40, 266.70, 251.50],
            OnPmos: [300.00, 275.70, 254.20, 235.10, 218.10, 202.80, 189.20, 176.90, 165.80, 155.80, 146.70],
            OffNmos: [100.00e-6, 140.50e-6, 193.90e-6, 263.10e-6, 351.40e-6, 462.50e-6, 600.30e-6, 769.20e-6, 973.900e-6, 1219.00e-6, 1511.00e-6],
            OffPmos: [100.20e-6, 138.40e-6, 187.60e-6, 250.10e-6, 328.10e-6, 424.10e-6, 540.90e-6, 681.30e-6, 848.30e-6, 1045.00e-6, 1275.00e-6]),
        [(32, DeviceRoadmap.Hp)] = new(
            Vdd: 0.9, Vth: 194.4951e-3, PhysicalGateLengthM: 3.4e-8,
            CapIdealGateFPerM: 3.767721e-10, CapFringeFPerM: 4.713762e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 9.29E+02, CurrentGmPmos: 6.73E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [1.41e3, 1.38e3, 1.35e3, 1.31e3, 1.28e3, 1.25e3, 1.21e3, 1.18e3, 1.15e3, 1.12e3, 1.08e3],
            OnPmos: [1.22e3, 1.17e3, 1.12e3, 1.07e3, 1.02e3, 0.98e3, 0.94e3, 0.89e3, 0.86e3, 0.82e3, 0.78e3],
            OffNmos: [100.30e-3, 120.40e-3, 143.10e-3, 168.60e-3, 197.00e-3, 228.40e-3, 262.90e-3, 300.60e-3, 341.70e-3, 386.10e-3, 433.90e-3],
            OffPmos: [100.10e-3, 119.00e-3, 140.00e-3, 163.30e-3, 188.80e-3, 216.70e-3, 247.00e-3, 279.70e-3, 314.90e-3, 352.60e-3, 392.80e-3]),
        [(32, DeviceRoadmap.Lstp)] = new(
            Vdd: 0.9, Vth: 442.034e-3, PhysicalGateLengthM: 3.4e-8,
            CapIdealGateFPerM: 8.375279e-10, CapFringeFPerM: 6.856677e-10, EffectiveResistanceMultiplier: 1.77,
            CurrentGmNmos: 2.56E+02, CurrentGmPmos: 1.19E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [600.20, 562.80, 528.20, 496.20, 466.80, 439.70, 414.80, 391.90, 370.70, 351.30, 333.30],
            OnPmos: [400.00, 368.40, 340.30, 315.30, 292.90, 272.80, 254.80, 238.50, 223.80, 210.50, 198.40],
            OffNmos: [100.10e-6, 143.60e-6, 202.10e-6, 279.30e-6, 379.50e-6, 507.50e-6, 668.80e-6, 869.20e-6, 1115.00e-6, 1415.00e-6, 1774.00e-6],
            OffPmos: [100.10e-6, 140.70e-6, 194.00e-6, 262.50e-6, 349.30e-6, 457.70e-6, 591.20e-6, 753.70e-6, 949.30e-6, 1182.00e-6, 1457.00e-6]),
        [(22, DeviceRoadmap.Hp)] = new(
            Vdd: 0.85, Vth: 208.9006e-3, PhysicalGateLengthM: 2.0e-8,
            CapIdealGateFPerM: 3.287e-10, CapFringeFPerM: 4.532e-10, EffectiveResistanceMultiplier: 1.54,
            CurrentGmNmos: 1.08E+03, CurrentGmPmos: 6.98E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [1.50e3, 1.47e3, 1.43e3, 1.39e3, 1.35e3, 1.31e3, 1.28e3, 1.24e3, 1.20e3, 1.17e3, 1.13e3],
            OnPmos: [1.32e3, 1.25e3, 1.19e3, 1.13e3, 1.07e3, 1.02e3, 0.97e3, 0.92e3, 0.88e3, 0.84e3, 0.80e3],
            OffNmos: [100.20e-3, 120.40e-3, 143.50e-3, 169.50e-3, 198.70e-3, 231.20e-3, 267.00e-3, 306.30e-3, 349.30e-3, 396.00e-3, 446.60e-3],
            OffPmos: [100.20e-3, 119.40e-3, 140.80e-3, 164.60e-3, 190.90e-3, 219.50e-3, 250.70e-3, 284.50e-3, 320.90e-3, 359.80e-3, 401.50e-3]),
        [(22, DeviceRoadmap.Lstp)] = new(
            Vdd: 0.85, Vth: 419.915e-3, PhysicalGateLengthM: 2.0e-8,
            CapIdealGateFPerM: 5.245e-10, CapFringeFPerM: 8.004e-10, EffectiveResistanceMultiplier: 1.77,
            CurrentGmNmos: 4.56E+02, CurrentGmPmos: 1.85E+02, FinHeightM: 0, FinWidthM: 0, FinPitchM: 0,
            OnNmos: [791.90, 756.40, 722.20, 689.40, 658.10, 628.30, 600.00, 573.30, 548.00, 524.20, 501.70],
            OnPmos: [600.20, 561.30, 525.50, 492.50, 462.20, 434.30, 408.70, 385.10, 363.40, 343.30, 324.80],
            OffNmos: [100.00e-6, 147.30e-6, 212.10e-6, 299.60e-6, 415.30e-6, 565.80e-6, 758.90e-6, 1003.00e-6, 1307.00e-6, 1682.00e-6, 2139.00e-6],
            OffPmos: [100.00e-6, 147.30e-6, 212.10e-6, 299.60e-6, 415.30e-6, 565.80e-6, 758.90e-6, 1003.00e-6, 1307.00e-6, 1682.00e-6, 2139.00e-6]),
        [(14, DeviceRoadmap.Hp)] = new(
            Vdd: 0.8, Vth: 172.9868e-3, PhysicalGateLengthM: 1.8e-8,
            CapIdealGateFPerM: 1.2573e-9, CapFringeFPerM: 0, EffectiveResistanceMultiplier: 1.51,
            CurrentGmNmos: 1.33E+03, CurrentGmPmos: 7.83E+02, FinHeightM: 2.3e-8, FinWidthM: 1.0e-8, FinPitchM: 3.2e-8,
            OnNmos: [1.6861e3, 1.7108e3, 1.7348e3, 1.7583e3, 1.7812e3, 1.8035e3, 1.8252e3, 1.8464e3, 1.8671e3, 1.8872e3, 1.9068e3],
            OnPmos: [1.5504e3, 1.5799e3, 1.6091e3, 1.638e3, 1.6666e3, 1.6948e3, 1.7227e3, 1.7504e3, 1.7776e3, 1.8045e3, 1.8311e3],
            OffNmos: [100.9152e-3, 150.0786e-3, 218.1063e-3, 310.359e-3, 433.1757e-3, 593.9313e-3, 801.0747e-3, 1.0641, 1.3938, 1.8016, 2.30031],
            OffPmos: [98.6503e-3, 157.5545e-3, 245.1751e-3, 372.5374e-3, 553.7661e-3, 806.5971e-3, 1.1529, 1.6190, 2.2361, 3.0405, 4.0733]),
        [(14, DeviceRoadmap.Lstp)] = new(
            Vdd: 0.8, Vth: 382.1222e-3, PhysicalGateLengthM: 1.8e-8,
            CapIdealGateFPerM: 1.0572e-9, CapFringeFPerM: 0, EffectiveResistanceMultiplier: 1.76,
            CurrentGmNmos: 6.02E+02, CurrentGmPmos: 2.36E+02, FinHeightM: 2.3e-8, FinWidthM: 1.0e-8, FinPitchM: 3.2e-8,
            OnNmos: [892.8173, 911.7499, 930.5372, 949.1747, 967.6577, 985.9813, 1.0041e3, 1.0221e3, 1.0399e3, 1.0576e3, 1.0750e3],
            OnPmos: [819.8866, 843.2728, 866.7718, 890.3688, 914.0488, 937.7967, 961.5968, 985.4335, 1.0093e3, 1.0332e3, 1.0570e3],
            OffNmos: [99.7866e-6, 184.4553e-6, 328.7707e-6, 566.8658e-6, 948.1816e-6, 1.5425e-3, 2.4460e-3, 3.7885e-3, 5.7416e-3, 8.5281e-3, 1.24327e-2],
            OffPmos: [102.3333e-6, 203.4774e-6, 389.0187e-6, 717.5912e-6, 1.2810e-3, 2.2192e-3, 3.7395e-3, 6.1428e-3, 9.8554e-3, 1.54702e-2, 2.37959e-2]),
        [(10, DeviceRoadmap.Hp)] = new(
            Vdd: 0.75, Vth: 182.8605e-3, PhysicalGateLengthM: 1.4e-8,
            CapIdealGateFPerM: 1.1418e-9, CapFringeFPerM: 0, EffectiveResistanceMultiplier: 1.49,
            CurrentGmNmos: 1.56E+03, CurrentGmPmos: 8.02E+02, FinHeightM: 2.1e-8, FinWidthM: 9e-9, FinPitchM: 2.8e-8,
            OnNmos: [1.7691e3, 1.7929e3, 1.8162e3, 1.8389e3, 1.8609e3, 1.8825e3, 1.9035e3, 1.9239e3, 1.9438e3, 1.9632e3, 1.9821e3],
            OnPmos: [1.6268e3, 1.6561e3, 1.6851e3, 1.7138e3, 1.7422e3, 1.7703e3, 1.798e3, 1.8255e3, 1.8525e3, 1.8792e3, 1.9056e3],
            OffNmos: [100.1203e-3, 148.6272e-3, 215.6467e-3, 306.4157e-3, 427.1264e-3, 584.9857e-3, 788.2578e-3, 1.0463, 1.3695, 1.7694, 2.2584],
            OffPmos: [1.6268e-3, 157.8505e-3, 245.2725e-3, 372.2051e-3, 552.6667e-3, 804.2786e-3, 1.1488, 1.6125, 2.2268, 3.0281, 4.0584]),
        [(10, DeviceRoadmap.Lstp)] = new(
            Vdd: 0.75, Vth: 390.5541e-3, PhysicalGateLengthM: 1.4e-8,
            CapIdealGateFPerM: 9.418984e-10, CapFringeFPerM: 0, EffectiveResistanceMultiplier: 1.73,
            CurrentGmNmos: 8.22E+02, CurrentGmPmos: 1.90E+02, FinHeightM: 2.1e-8, FinWidthM: 9e-9, FinPitchM: 2.8e-8,
            OnNmos: [862.4823, 882.0505, 901.514, 920.8656, 940.0977, 959.2027, 978.1731, 997.0013, 1.0157e3, 1.0342e3, 1.0526e3],
            OnPmos: [774.9657, 799.5285, 824.2549, 849.1259, 874.1225, 899.2255, 924.4159, 949.6744, 974.9818, 1.0003e3, 1.0257e3],
            OffNmos: [99.6973e-6, 184.4892e-6, 329.1615e-6, 568.0731e-6, 951.0401e-6, 1.5484e-3, 2.4574e-3, 3.8090e-3, 5.7767e-3, 8.5862e-3, 1.2525e-2],
            OffPmos: [100.5839e-6, 200.2609e-6, 383.3239e-6, 707.8499e-6, 1.2649e-3, 2.1932e-3, 3.6987e-3, 6.0804e-3, 9.7622e-3, 1.53340e-2, 2.36007e-2]),
        [(7, DeviceRoadmap.Hp)] = new(
            Vdd: 0.7, Vth: 192.2339e-3, PhysicalGateLengthM: 1.1e-8,
            CapIdealGateFPerM: 1.0487e-9, CapFringeFPerM: 0, EffectiveResistanceMultiplier: 1.45,
            CurrentGmNmos: 1.91E+03, CurrentGmPmos: 8.02E+02, FinHeightM: 1.8e-8, FinWidthM: 7e-9, FinPitchM: 2.2e-8,
            OnNmos: [1912, 1937.6, 1962.6, 1987.1, 2011, 2034.4, 2057.2, 2079.5, 2101.3, 2122.6, 2143.4],
            OnPmos: [1685.5, 1716.4, 1747.0, 1777.4, 1807.5, 1837.4, 1866.9, 1896.1, 1925.0, 1953.6, 1981.8],
            OffNmos: [100.2258e-3, 149.0252e-3, 216.5654e-3, 308.1967e-3, 430.2635e-3, 590.1731e-3, 796.4489e-3, 1.0588, 1.3880, 1.7960, 2.2961],
            OffPmos: [97.9484e-3, 156.3424e-3, 243.1919e-3, 369.4499e-3, 549.1886e-3, 800.1479e-3, 1.1443, 1.6083, 2.2242, 3.0295, 4.0674]),
        [(7, DeviceRoadmap.Lstp)] = new(
            Vdd: 0.7, Vth: 402.5252e-3, PhysicalGateLengthM: 1.1e-8,
            CapIdealGateFPerM: 8.49489e-10, CapFringeFPerM: 0, EffectiveResistanceMultiplier: 1.73,
            CurrentGmNmos: 8.22E+02, CurrentGmPmos: 1.45E+02, FinHeightM: 1.8e-8, FinWidthM: 7e-9, FinPitchM: 2.2e-8,
            OnNmos: [822.0573, 843.5584, 865.0229, 886.4385, 907.7931, 929.0751, 950.2729, 971.3751, 992.3706, 1.0132e3, 1.0340e3],
            OnPmos: [737.2425, 763.7947, 790.5774, 817.5675, 844.7417, 872.0768, 899.5498, 927.1376, 954.8176, 982.567, 1.0104e3],
            OffNmos: [1.00E-04, 1.85E-04, 3.32E-04, 5.74E-04, 9.62E-04, 1.5695e-3, 2.4953e-3, 3.8744e-3, 5.8858e-3, 8.7624e-3, 1.28025e-2],
            OffPmos: [100.9536e-6, 201.3937e-6, 386.2086e-6, 714.4288e-6, 1.2788e-3, 2.2207e-3, 3.7509e-3, 6.1750e-3, 9.9278e-3, 1.56146e-2, 2.40633e-2]),
    }.ToFrozenDictionary();
}
