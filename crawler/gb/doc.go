// Package gb reads China's national standards platform
// (openstd.samr.gov.cn, 国家标准全文公开系统): the lists of mandatory,
// recommended and guidance national standards and each standard's detail
// page, turning them into kb.Standard records.
package gb
