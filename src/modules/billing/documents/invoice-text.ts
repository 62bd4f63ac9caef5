// The words of a billing document in the five portal languages: its title by kind, the labels of its
// header and of its lines' columns, and the charge types (as the portal names them). Used by the PDF
// (invoice-pdf.ts) and by the invoice-ready notice (operations/send-invoice-notices.ts).
import type { Locale } from '../../../platform/i18n/index.js';

export interface DocumentText {
  invoice: string;
  statement: string;
  creditNote: string;
  issuer: string;
  recipient: string;
  tenantId: string;
  /** The party's tax registration number (VAT/GST), from its billing profile. */
  taxId: string;
  country: string;
  number: string;
  period: string;
  issuedAt: string;
  dueAt: string;
  currency: string;
  subtotal: string;
  /** {rate}: the tax rate in percent. */
  tax: string;
  total: string;
  lineCount: string;
  lines: string;
  noLines: string;
  /** {page}: the page's number. */
  page: string;
  column: {
    line: string;
    customer: string;
    subscription: string;
    product: string;
    chargeType: string;
    chargePeriod: string;
    quantity: string;
    unitPrice: string;
    amount: string;
    tax: string;
    total: string;
  };
  chargeType: Record<string, string>;
}

export const documentText: Record<Locale, DocumentText> = {
  en: {
    invoice: 'Invoice',
    statement: 'Statement',
    creditNote: 'Credit note',
    issuer: 'Issued by',
    recipient: 'Issued to',
    tenantId: 'Tenant ID',
    taxId: 'Tax ID',
    country: 'Country',
    number: 'Number',
    period: 'Period',
    issuedAt: 'Issued on',
    dueAt: 'Due date',
    currency: 'Currency',
    subtotal: 'Subtotal',
    tax: 'Tax ({rate} %)',
    total: 'Total',
    lineCount: 'Lines',
    lines: 'Lines',
    noLines: 'This document has no lines.',
    page: 'Page {page}',
    column: {
      line: 'Line',
      customer: 'Customer',
      subscription: 'Subscription',
      product: 'Product / SKU',
      chargeType: 'Charge type',
      chargePeriod: 'Charge period',
      quantity: 'Quantity',
      unitPrice: 'Unit price',
      amount: 'Amount',
      tax: 'Tax',
      total: 'Total',
    },
    chargeType: {
      purchase: 'Purchase',
      cycleFee: 'Billing period fee',
      seatIncrease: 'Licenses added',
      refund: 'Refund',
      cancellation: 'Cancellation',
      renewal: 'Renewal',
      upgradeCredit: 'Upgrade credit',
      upgradeCharge: 'Upgrade charge',
    },
  },
  fr: {
    invoice: 'Facture',
    statement: 'Relevé',
    creditNote: 'Avoir',
    issuer: 'Émis par',
    recipient: 'Émis pour',
    tenantId: 'ID du locataire',
    taxId: 'N° de TVA',
    country: 'Pays',
    number: 'Numéro',
    period: 'Période',
    issuedAt: 'Émis le',
    dueAt: 'Échéance',
    currency: 'Devise',
    subtotal: 'Sous-total HT',
    tax: 'TVA ({rate} %)',
    total: 'Total TTC',
    lineCount: 'Lignes',
    lines: 'Lignes',
    noLines: 'Ce document n’a aucune ligne.',
    page: 'Page {page}',
    column: {
      line: 'Ligne',
      customer: 'Client',
      subscription: 'Abonnement',
      product: 'Produit / référence',
      chargeType: 'Type de frais',
      chargePeriod: 'Période facturée',
      quantity: 'Quantité',
      unitPrice: 'Prix unitaire',
      amount: 'Montant HT',
      tax: 'TVA',
      total: 'Total TTC',
    },
    chargeType: {
      purchase: 'Achat',
      cycleFee: 'Frais de période',
      seatIncrease: 'Licences ajoutées',
      refund: 'Remboursement',
      cancellation: 'Annulation',
      renewal: 'Renouvellement',
      upgradeCredit: 'Avoir de mise à niveau',
      upgradeCharge: 'Frais de mise à niveau',
    },
  },
  'zh-Hans': {
    invoice: '发票',
    statement: '对账单',
    creditNote: '贷项通知单',
    issuer: '开具方',
    recipient: '接收方',
    tenantId: '租户 ID',
    taxId: '税号',
    country: '国家/地区',
    number: '编号',
    period: '期间',
    issuedAt: '开具日期',
    dueAt: '到期日',
    currency: '币种',
    subtotal: '小计',
    tax: '税额（{rate}%）',
    total: '总计',
    lineCount: '明细行数',
    lines: '明细行',
    noLines: '此单据没有明细行。',
    page: '第 {page} 页',
    column: {
      line: '行号',
      customer: '客户',
      subscription: '订阅',
      product: '产品 / SKU',
      chargeType: '费用类型',
      chargePeriod: '计费期间',
      quantity: '数量',
      unitPrice: '单价',
      amount: '金额',
      tax: '税额',
      total: '总计',
    },
    chargeType: {
      purchase: '购买',
      cycleFee: '计费期费用',
      seatIncrease: '添加许可证',
      refund: '退款',
      cancellation: '取消',
      renewal: '续订',
      upgradeCredit: '升级退款',
      upgradeCharge: '升级费用',
    },
  },
  'zh-Hant': {
    invoice: '發票',
    statement: '對帳單',
    creditNote: '折讓單',
    issuer: '開立方',
    recipient: '接收方',
    tenantId: '租用戶 ID',
    taxId: '稅號',
    country: '國家/地區',
    number: '編號',
    period: '期間',
    issuedAt: '開立日期',
    dueAt: '到期日',
    currency: '幣別',
    subtotal: '小計',
    tax: '稅額（{rate}%）',
    total: '總計',
    lineCount: '明細行數',
    lines: '明細行',
    noLines: '此單據沒有明細行。',
    page: '第 {page} 頁',
    column: {
      line: '行號',
      customer: '客戶',
      subscription: '訂閱',
      product: '產品 / SKU',
      chargeType: '費用類型',
      chargePeriod: '計費期間',
      quantity: '數量',
      unitPrice: '單價',
      amount: '金額',
      tax: '稅額',
      total: '總計',
    },
    chargeType: {
      purchase: '購買',
      cycleFee: '計費期間費用',
      seatIncrease: '新增授權',
      refund: '退款',
      cancellation: '取消',
      renewal: '續訂',
      upgradeCredit: '升級退款',
      upgradeCharge: '升級費用',
    },
  },
  id: {
    invoice: 'Faktur',
    statement: 'Laporan tagihan',
    creditNote: 'Nota kredit',
    issuer: 'Diterbitkan oleh',
    recipient: 'Diterbitkan untuk',
    tenantId: 'ID tenant',
    taxId: 'NPWP / ID pajak',
    country: 'Negara',
    number: 'Nomor',
    period: 'Periode',
    issuedAt: 'Diterbitkan pada',
    dueAt: 'Jatuh tempo',
    currency: 'Mata uang',
    subtotal: 'Subtotal',
    tax: 'Pajak ({rate}%)',
    total: 'Total',
    lineCount: 'Baris',
    lines: 'Baris',
    noLines: 'Dokumen ini tidak memiliki baris.',
    page: 'Halaman {page}',
    column: {
      line: 'Baris',
      customer: 'Pelanggan',
      subscription: 'Langganan',
      product: 'Produk / SKU',
      chargeType: 'Jenis biaya',
      chargePeriod: 'Periode biaya',
      quantity: 'Jumlah',
      unitPrice: 'Harga satuan',
      amount: 'Nilai',
      tax: 'Pajak',
      total: 'Total',
    },
    chargeType: {
      purchase: 'Pembelian',
      cycleFee: 'Biaya periode penagihan',
      seatIncrease: 'Lisensi ditambahkan',
      refund: 'Pengembalian dana',
      cancellation: 'Pembatalan',
      renewal: 'Perpanjangan',
      upgradeCredit: 'Kredit peningkatan',
      upgradeCharge: 'Biaya peningkatan',
    },
  },
};

/** The document's title by its kind: a credit note, a statement (a reseller's to its customer), else an invoice. */
export function documentTitle(kind: string, locale: Locale): string {
  const text = documentText[locale];
  if (kind === 'creditNote') return text.creditNote;
  if (kind === 'statement') return text.statement;
  return text.invoice;
}
